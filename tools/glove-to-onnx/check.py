#!/usr/bin/env python3
"""Check a model produced by convert.py.

Usage:
    python3 check.py [MODEL_DIR] [--dump FILE]

MODEL_DIR defaults to models/glove-6b-100d-sif (relative to the repo root).
Runs the graph with onnx.reference.ReferenceEvaluator when the installed onnx
has it (onnx >= 1.13); otherwise with a numpy re-implementation that reads the
embedding table from the model's initializer. Prints cosine similarities for
paraphrase / unrelated sentence triples, checks that padded batches give the
same vectors as single sentences, and exits non-zero on any failure.
--dump writes the token ids and the expected embeddings as JSON, so another
runtime (ONNX Runtime, the C# side) can be compared against them.
"""

import argparse
import json
import os
import sys
import unicodedata

import numpy as np
import onnx
from onnx import numpy_helper

SPECIAL = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4}
MAX_INPUT_CHARS_PER_WORD = 100

TRIPLES = [
    ("A cat sat on the mat.", "A kitten rested on the rug.", "The stock market fell sharply today."),
    ("He plays guitar in a band.", "She is a musician who plays the guitar.", "The recipe needs two cups of flour."),
    ("The weather is sunny and warm.", "It is a bright, hot day.", "Quarterly revenue exceeded expectations."),
    ("The doctor prescribed medicine for the patient.", "The physician gave the sick man some pills.",
     "The football team won the championship."),
]


def is_word_char(ch):
    # .NET \w = L*, Mn, Nd, Pc
    cat = unicodedata.category(ch)
    return cat[0] == "L" or cat in ("Mn", "Nd", "Pc")


def basic_tokenize(text):
    """Mimics Microsoft.ML.Tokenizers BertTokenizer defaults: BertNormalizer (lower-case
    upper-case letters, drop control chars, no accent stripping, NFC) followed by the
    pre-tokeniser regex \\w+|[\\p{P}] (anything else, e.g. whitespace and symbols
    like $ + =, is dropped). CJK ideograph splitting is not needed for these tests."""
    text = unicodedata.normalize("NFC", "".join(
        ch.lower() if unicodedata.category(ch) == "Lu" else ch
        for ch in text if unicodedata.category(ch) != "Cc" and ch not in "\u0000\ufffd"))
    tokens, i = [], 0
    while i < len(text):
        ch = text[i]
        if is_word_char(ch):
            j = i
            while j < len(text) and is_word_char(text[j]):
                j += 1
            tokens.append(text[i:j])
            i = j
        else:
            if unicodedata.category(ch).startswith("P"):
                tokens.append(ch)
            i += 1
    return tokens


def encode(text, vocab):
    ids = [SPECIAL["[CLS]"]]
    for tok in basic_tokenize(text):
        ids.append(vocab.get(tok, SPECIAL["[UNK]"]) if len(tok) <= MAX_INPUT_CHARS_PER_WORD else SPECIAL["[UNK]"])
    ids.append(SPECIAL["[SEP]"])
    return ids


def pad_batch(id_lists):
    n = max(len(x) for x in id_lists)
    ids = np.zeros((len(id_lists), n), dtype=np.int64)
    mask = np.zeros((len(id_lists), n), dtype=np.int64)
    for r, x in enumerate(id_lists):
        ids[r, :len(x)] = x
        mask[r, :len(x)] = 1
    return ids, mask


class NumpyRunner:
    """Numpy re-implementation of the convert.py graph, reading the model's initializer."""

    def __init__(self, model):
        inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
        self.table = inits["embedding_table"]
        self.min_id = int(inits["min_word_id"])
        self.name = "numpy re-implementation"

    def run(self, ids, mask):
        vec = self.table[ids].astype(np.float32)
        w = mask.astype(np.float32) * (ids >= self.min_id).astype(np.float32)
        s = (vec * w[..., None]).sum(axis=1)
        mean = s / np.maximum(w.sum(axis=1, keepdims=True), np.float32(1e-9))
        norm = np.sqrt((mean * mean).sum(axis=1, keepdims=True))
        return mean / np.maximum(norm, np.float32(1e-12))


class ReferenceRunner:
    def __init__(self, model):
        from onnx.reference import ReferenceEvaluator
        self.sess = ReferenceEvaluator(model)
        self.name = "onnx.reference.ReferenceEvaluator"

    def run(self, ids, mask):
        return self.sess.run(None, {"input_ids": ids, "attention_mask": mask})[0]


def cos(a, b):
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def check_signature(model, errors):
    g = model.graph
    elem = onnx.TensorProto.DataType.Name

    def sig(v):
        t = v.type.tensor_type
        return (v.name, elem(t.elem_type), [d.dim_param or d.dim_value for d in t.shape.dim])

    got = ([sig(v) for v in g.input], [sig(v) for v in g.output])
    want = ([("input_ids", "INT64", ["batch", "sequence"]), ("attention_mask", "INT64", ["batch", "sequence"])],
            [("sentence_embedding", "FLOAT", ["batch", 100])])
    print(f"ir_version {model.ir_version}, opset {[(o.domain or 'ai.onnx', o.version) for o in model.opset_import]}")
    for v in got[0] + got[1]:
        print("  ", v)
    if got != want:
        errors.append(f"signature {got} != {want}")
    if model.ir_version != 8 or [o.version for o in model.opset_import] != [17]:
        errors.append("expected IR 8 / opset 17")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir", nargs="?", default=os.path.join(here, "..", "..", "models", "glove-6b-100d-sif"))
    ap.add_argument("--dump", help="write ids and expected embeddings as JSON to this file")
    args = ap.parse_args()

    model = onnx.load(os.path.join(args.model_dir, "model.onnx"))
    onnx.checker.check_model(model)
    with open(os.path.join(args.model_dir, "vocab.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[-1] == "":
        lines.pop()
    vocab = {tok: i for i, tok in enumerate(lines)}
    errors = []
    if len(vocab) != len(lines):
        errors.append("duplicate vocab entries")
    if [lines[i] for i in range(5)] != list(SPECIAL):
        errors.append("special tokens are not [PAD] [UNK] [CLS] [SEP] [MASK] at ids 0-4")
    table = numpy_helper.to_array(next(t for t in model.graph.initializer if t.name == "embedding_table"))
    print(f"vocab {len(lines)} lines, table {table.shape} {table.dtype}")
    if table.shape[0] != len(lines):
        errors.append(f"table rows {table.shape[0]} != vocab lines {len(lines)}")
    if np.any(table[:5] != 0):
        errors.append("special-token rows are not zero")
    check_signature(model, errors)

    try:
        runner = ReferenceRunner(model)
    except ImportError:
        runner = NumpyRunner(model)
    print(f"runner: {runner.name}\n")

    dump = []
    for a, b, c in TRIPLES:
        id_lists = [encode(s, vocab) for s in (a, b, c)]
        out = runner.run(*pad_batch(id_lists))
        para, unrel1, unrel2 = cos(out[0], out[1]), cos(out[0], out[2]), cos(out[1], out[2])
        print(f"A: {a}\n   {basic_tokenize(a)} -> {id_lists[0]}")
        print(f"B: {b}\n   {basic_tokenize(b)} -> {id_lists[1]}")
        print(f"C: {c}\n   {basic_tokenize(c)} -> {id_lists[2]}")
        print(f"   cos(A,B) paraphrase = {para:.4f}   cos(A,C) = {unrel1:.4f}   cos(B,C) = {unrel2:.4f}\n")
        if not para > max(unrel1, unrel2) + 0.2:
            errors.append(f"paraphrase pair not clearly above unrelated pairs for {a!r}")
        for s, ids, v in zip((a, b, c), id_lists, out):
            dump.append({"text": s, "input_ids": ids, "sentence_embedding": [float(x) for x in v]})

    # Padding / batching invariance: a batch of two sentences of different lengths
    # (attention_mask 0 on the pads) must equal running each sentence alone.
    s1, s2 = "Hi.", "The quick brown fox jumps over the lazy dog near the river bank."
    ids1, ids2 = encode(s1, vocab), encode(s2, vocab)
    batch = runner.run(*pad_batch([ids1, ids2]))
    alone = np.vstack([runner.run(*pad_batch([ids1])), runner.run(*pad_batch([ids2]))])
    diff = float(np.max(np.abs(batch - alone)))
    # Pads that are not id 0 must also be ignored when their mask is 0.
    ids, mask = pad_batch([ids1, ids2])
    ids[0, len(ids1):] = 100
    garbage = runner.run(ids, mask)
    diff2 = float(np.max(np.abs(garbage - alone)))
    print(f"padding check: lengths {len(ids1)} and {len(ids2)}, max |batched - alone| = {diff:.3g}, "
          f"with non-zero pad ids = {diff2:.3g}")
    if diff > 1e-6 or diff2 > 1e-6:
        errors.append("padded batch differs from single-sentence runs")

    norms = np.linalg.norm(batch, axis=1)
    empty = runner.run(*pad_batch([encode("zzqxv qqzzx", vocab)]))
    print(f"norms {norms}, all-[UNK] sentence -> all zeros: {bool(np.all(empty == 0))}, finite: "
          f"{bool(np.all(np.isfinite(empty)))}")
    if np.any(np.abs(norms - 1) > 1e-5) or not np.all(empty == 0):
        errors.append("norm / empty-sentence check failed")

    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            json.dump(dump, f)
        print(f"wrote {args.dump}")

    if errors:
        print("\nFAILED:\n  " + "\n  ".join(errors))
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
