#!/usr/bin/env python3
"""Writes a transformer-shaped ONNX encoder with random weights, for benchmarking only.

Usage:
    /usr/bin/python3 tools/synthetic-bert/make_synthetic_bert.py [OUTPUT_DIR] [--layers 2] [--hidden 256]

Its vectors mean nothing; it exists to measure the embedding stage when inference, not the
per-request overhead, dominates (as with all-MiniLM-L6-v2), without downloading a model.
It takes the vocabulary of models/glove-6b-100d-sif so the benchmark corpus tokenizes to
real ids. Graph: BERT-style inputs (input_ids, attention_mask, token_type_ids) -> word +
position embeddings -> N x (single-head self-attention with the padding masked out,
LayerNormalization, ReLU feed-forward of 4 x hidden, LayerNormalization) ->
last_hidden_state [batch, sequence, hidden]. ONNX IR 8, opset 17; seeded, so deterministic.
Default output: artifacts/synthetic-bert (ignored by git).
"""

import argparse
import json
import os
import shutil

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=os.path.join(ROOT, "artifacts", "synthetic-bert"))
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--positions", type=int, default=256)
    args = parser.parse_args()
    vocab_src = os.path.join(ROOT, "models", "glove-6b-100d-sif", "vocab.txt")
    with open(vocab_src) as f:
        vocab_size = sum(1 for _ in f)

    rng = np.random.default_rng(7)
    h = args.hidden
    init = []

    def weight(name, *shape, scale=None):
        scale = scale if scale is not None else 1 / np.sqrt(shape[0])
        init.append(numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name))
        return name

    def const(name, value, dtype=np.float32):
        init.append(numpy_helper.from_array(np.array(value, dtype=dtype), name))
        return name

    nodes = []

    def node(op, inputs, name, **attrs):
        nodes.append(helper.make_node(op, inputs, [name], **attrs))
        return name

    weight("word", vocab_size, h, scale=0.5)
    weight("pos", args.positions, h, scale=0.1)
    weight("types", 2, h, scale=0.1)
    const("one_i", 1, np.int64)
    const("zero_i", 0, np.int64)
    const("axis_1", [1], np.int64)
    const("neg", -10000.0)
    const("one_f", 1.0)
    const("scale", 1 / np.sqrt(h))
    const("ln_scale", np.ones(h))
    const("ln_bias", np.zeros(h))

    node("Shape", ["input_ids"], "shape")
    node("Gather", ["shape", "one_i"], "seq", axis=0)
    node("Range", ["zero_i", "seq", "one_i"], "positions")
    node("Gather", ["pos", "positions"], "pos_e")
    node("Gather", ["word", "input_ids"], "word_e")
    node("Gather", ["types", "token_type_ids"], "type_e")
    node("Add", ["word_e", "pos_e"], "e1")
    x = node("Add", ["e1", "type_e"], "x0")
    # Additive attention bias [batch, 1, seq]: 0 for tokens, -10000 for padding.
    node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    node("Sub", ["one_f", "mask_f"], "inv_mask")
    node("Mul", ["inv_mask", "neg"], "bias2")
    node("Unsqueeze", ["bias2", "axis_1"], "bias")

    for layer in range(args.layers):
        p = f"l{layer}_"
        q = node("MatMul", [x, weight(p + "wq", h, h)], p + "q")
        k = node("MatMul", [x, weight(p + "wk", h, h)], p + "k")
        v = node("MatMul", [x, weight(p + "wv", h, h)], p + "v")
        kt = node("Transpose", [k], p + "kt", perm=[0, 2, 1])
        s = node("MatMul", [q, kt], p + "s")
        s = node("Mul", [s, "scale"], p + "ss")
        s = node("Add", [s, "bias"], p + "sb")
        a = node("Softmax", [s], p + "a", axis=-1)
        c = node("MatMul", [a, v], p + "c")
        o = node("MatMul", [c, weight(p + "wo", h, h)], p + "o")
        r = node("Add", [x, o], p + "r1")
        x = node("LayerNormalization", [r, "ln_scale", "ln_bias"], p + "n1", axis=-1)
        f = node("MatMul", [x, weight(p + "w1", h, 4 * h)], p + "f1")
        f = node("Relu", [f], p + "f1r")
        f = node("MatMul", [f, weight(p + "w2", 4 * h, h)], p + "f2")
        r = node("Add", [x, f], p + "r2")
        x = node("LayerNormalization", [r, "ln_scale", "ln_bias"], p + "n2", axis=-1)

    nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))
    ids = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "sequence"])
    graph = helper.make_graph(
        nodes, "synthetic_bert", [ids("input_ids"), ids("attention_mask"), ids("token_type_ids")],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", h])], init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_synthetic_bert.py")
    model.ir_version = 8
    helper.set_model_props(model, {"model_name": f"synthetic-bert-{args.layers}x{h}"})
    onnx.checker.check_model(model)
    os.makedirs(args.out, exist_ok=True)
    onnx.save(model, os.path.join(args.out, "model.onnx"))
    shutil.copyfile(vocab_src, os.path.join(args.out, "vocab.txt"))
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump({"model_type": "bert", "hidden_size": h, "max_position_embeddings": args.positions}, f)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
