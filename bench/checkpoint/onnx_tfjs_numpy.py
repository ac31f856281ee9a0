#!/usr/bin/env python3
"""Python side of bench/checkpoint/onnx-tfjs-read.ts.
  write-onnx PATH N      an ONNX model with N float32 1024x1024 initializers (raw_data)
  write-tfjs DIR N Q     a TF.js model.json with N 1024x1024 weights, 4 MiB shards; Q = float32 or uint8
  read-onnx PATH         onnx.load + numpy_helper.to_array of every initializer, as float32; prints seconds
  read-tfjs DIR          numpy: shards concatenated, every weight decoded (uint8: q*scale+min in float64,
                         then float32, as tfjs-core does); prints seconds"""
import json
import os
import sys
import time

import numpy as np


def weights(n):
    base = (np.sin(np.arange(1024 * 1024)) * 0.02).astype(np.float32).reshape(1024, 1024)
    return [base + np.float32(k) * 1e-4 for k in range(n)]


def write_onnx(path, n):
    import onnx
    from onnx import helper, numpy_helper
    inits = [numpy_helper.from_array(w, f'layers.{k}.weight') for k, w in enumerate(weights(n))]
    graph = helper.make_graph([], 'bench', [], [helper.make_tensor_value_info('layers.0.weight', 1, None)], initializer=inits)
    onnx.save_model(helper.make_model(graph), path)


def write_tfjs(dir, n, q):
    os.makedirs(dir, exist_ok=True)
    specs, blobs = [], []
    for k, w in enumerate(weights(n)):
        spec = {'name': f'layers.{k}.weight', 'shape': [1024, 1024], 'dtype': 'float32'}
        if q == 'uint8':
            lo, hi = float(w.min()), float(w.max())
            scale = (hi - lo) / 255
            spec['quantization'] = {'dtype': 'uint8', 'scale': scale, 'min': lo}
            blobs.append(np.round((w - lo) / scale).astype(np.uint8).tobytes())
        else:
            blobs.append(w.tobytes())
        specs.append(spec)
    stream = b''.join(blobs)
    size = 4 * 2**20
    count = (len(stream) + size - 1) // size
    paths = [f'group1-shard{i + 1}of{count}.bin' for i in range(count)]
    for i, p in enumerate(paths):
        with open(os.path.join(dir, p), 'wb') as f:
            f.write(stream[i * size:(i + 1) * size])
    with open(os.path.join(dir, 'model.json'), 'w') as f:
        json.dump({'format': 'layers-model', 'modelTopology': {}, 'weightsManifest': [{'paths': paths, 'weights': specs}]}, f)


def read_onnx(path):
    import onnx
    from onnx import numpy_helper
    t0 = time.perf_counter()
    model = onnx.load(path)
    total = 0.0
    for t in model.graph.initializer:
        total += float(numpy_helper.to_array(t).astype(np.float32)[0, 0])
    return time.perf_counter() - t0


def read_tfjs(dir):
    t0 = time.perf_counter()
    with open(os.path.join(dir, 'model.json')) as f:
        manifest = json.load(f)['weightsManifest']
    total = 0.0
    for group in manifest:
        stream = b''.join(np.fromfile(os.path.join(dir, p), np.uint8).tobytes() for p in group['paths'])
        pos = 0
        for spec in group['weights']:
            n = int(np.prod(spec['shape']))
            q = spec.get('quantization')
            if q:
                a = (np.frombuffer(stream, np.uint8, n, pos).astype(np.float64) * q['scale'] + q['min']).astype(np.float32)
                pos += n
            else:
                a = np.frombuffer(stream, '<f4', n, pos)
                pos += 4 * n
            total += float(a[0])
    return time.perf_counter() - t0


if __name__ == '__main__':
    cmd, *args = sys.argv[1:]
    if cmd == 'write-onnx':
        write_onnx(args[0], int(args[1]))
    elif cmd == 'write-tfjs':
        write_tfjs(args[0], int(args[1]), args[2])
    elif cmd == 'read-onnx':
        print(read_onnx(args[0]))
    elif cmd == 'read-tfjs':
        print(read_tfjs(args[0]))
