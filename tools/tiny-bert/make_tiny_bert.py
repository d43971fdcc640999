#!/usr/bin/env python3
"""Writes a tiny BERT-shaped ONNX model for the C# embedder tests: Tests/Assets/tiny-bert/.

Usage:
    /usr/bin/python3 tools/tiny-bert/make_tiny_bert.py [OUTPUT_DIR]

Needs Debian's python3-onnx and python3-numpy. The model looks like a Hugging Face BERT export
(inputs input_ids, attention_mask, token_type_ids: int64 [batch, sequence]; output
last_hidden_state: float32 [batch, sequence, 4]) but its weights follow closed formulas, so a
test can compute the expected output by hand:

    E[t]  = W[id_t] + P[t] + T[type_t]                     (word + position + token type)
    W[i,j] = ((7 i + 3 j) mod 11 - 5) / 10                 i < vocabulary size, j < 4
    P[p,j] = ((5 p + 2 j) mod 7 - 3) / 20                  p < 16 positions
    T[k,j] = (k + 1) (j + 1) / 50                          k < 2 token types
    c      = sum_t mask_t E[t] / max(sum_t mask_t, 1)      a one-step stand-in for attention:
    H[t]  = tanh(E[t] + c / 2)                             padding never changes real tokens

Padding positions get non-zero states, as in real BERT exports, so pooling that ignores the
attention mask gives a different vector. The output is byte-for-byte the same on every run.
"""

import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

VOCAB = [
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
    "the", "cat", "dog", "sat", "on", "mat", "play", "##ing", "##ed", "##s",
    "run", "hello", "world", "music", "guitar", ".", ",", "!", "?",
]
HIDDEN = 4
POSITIONS = 16
TYPES = 2


def tables():
    w = np.array([[((7 * i + 3 * j) % 11 - 5) / 10 for j in range(HIDDEN)] for i in range(len(VOCAB))], dtype=np.float32)
    p = np.array([[((5 * q + 2 * j) % 7 - 3) / 20 for j in range(HIDDEN)] for q in range(POSITIONS)], dtype=np.float32)
    t = np.array([[(k + 1) * (j + 1) / 50 for j in range(HIDDEN)] for k in range(TYPES)], dtype=np.float32)
    return w, p, t


def build():
    w, p, t = tables()
    int64 = lambda name, values: numpy_helper.from_array(np.array(values, dtype=np.int64), name)
    initializers = [
        numpy_helper.from_array(w, "word_embeddings"),
        numpy_helper.from_array(p, "position_embeddings"),
        numpy_helper.from_array(t, "token_type_embeddings"),
        int64("zero", 0), int64("one", 1), int64("axis_seq", [1]), int64("axis_last", [2]),
        numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one_f"),
        numpy_helper.from_array(np.array(0.5, dtype=np.float32), "half"),
    ]
    nodes = [
        helper.make_node("Gather", ["word_embeddings", "input_ids"], ["words"]),
        helper.make_node("Gather", ["token_type_embeddings", "token_type_ids"], ["types"]),
        helper.make_node("Shape", ["input_ids"], ["shape"]),
        helper.make_node("Gather", ["shape", "one"], ["seq_len"], axis=0),
        helper.make_node("Range", ["zero", "seq_len", "one"], ["positions"]),
        helper.make_node("Gather", ["position_embeddings", "positions"], ["pos"]),
        helper.make_node("Add", ["words", "pos"], ["wp"]),
        helper.make_node("Add", ["wp", "types"], ["emb"]),
        helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask_f", "axis_last"], ["mask3"]),
        helper.make_node("Mul", ["emb", "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis_seq"], ["sum"], keepdims=1),
        helper.make_node("ReduceSum", ["mask3", "axis_seq"], ["count"], keepdims=1),
        helper.make_node("Max", ["count", "one_f"], ["count_safe"]),
        helper.make_node("Div", ["sum", "count_safe"], ["context"]),
        helper.make_node("Mul", ["context", "half"], ["half_context"]),
        helper.make_node("Add", ["emb", "half_context"], ["pre"]),
        helper.make_node("Tanh", ["pre"], ["last_hidden_state"]),
    ]
    ids = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "sequence"])
    graph = helper.make_graph(
        nodes, "tiny_bert",
        [ids("input_ids"), ids("attention_mask"), ids("token_type_ids")],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", HIDDEN])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_tiny_bert.py")
    model.ir_version = 8
    helper.set_model_props(model, {"model_name": "tiny-bert-test"})
    onnx.checker.check_model(model)
    return model


def reference(id_lists):
    """numpy version of the graph plus the masked mean pooling and L2 norm the C# side applies."""
    w, p, t = tables()
    out = []
    for ids in id_lists:
        e = w[ids] + p[: len(ids)] + t[0]
        h = np.tanh(e + e.mean(axis=0) / 2)
        v = h.mean(axis=0)
        out.append(v / np.linalg.norm(v))
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "Tests", "Assets", "tiny-bert")
    os.makedirs(out, exist_ok=True)
    onnx.save(build(), os.path.join(out, "model.onnx"))
    with open(os.path.join(out, "vocab.txt"), "w", newline="\n") as f:
        f.write("\n".join(VOCAB) + "\n")
    with open(os.path.join(out, "config.json"), "w", newline="\n") as f:
        json.dump({"model_type": "bert", "hidden_size": HIDDEN, "max_position_embeddings": POSITIONS}, f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "tokenizer_config.json"), "w", newline="\n") as f:
        json.dump({"do_lower_case": True, "model_max_length": POSITIONS}, f, indent=2)
        f.write("\n")
    # [CLS] the cat play ##ing . [SEP]  ("The cat playing.")
    example = [2, 5, 6, 11, 12, 20, 3]
    print("wrote", out)
    print("example ids", example, "->", np.round(reference([example])[0], 6).tolist())


if __name__ == "__main__":
    main()
