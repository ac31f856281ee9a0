#!/usr/bin/env python3
"""torch baseline for bench/pytorch/read-throughput.ts (Debian python3-torch).

  torch_load.py write PATH DTYPE LAYOUT   writes 16 tensors of 1024x1024 with torch.save; LAYOUT = contiguous
                                          or transposed (each saved as the .t() view of its storage)
  torch_load.py read PATH                 torch.load + every tensor to contiguous float32; prints seconds
"""
import sys, time
import torch


def write(path, dtype, layout):
    g = torch.Generator().manual_seed(0)
    sd = {}
    for k in range(16):
        w = (torch.randn(1024, 1024, generator=g) * 0.02).to(getattr(torch, dtype))
        sd[f'layers.{k}.weight'] = w.t() if layout == 'transposed' else w
    torch.save(sd, path)


def read(path):
    t0 = time.perf_counter()
    sd = torch.load(path, map_location='cpu')
    total = 0.0
    for t in sd.values():
        total += float(t.float().contiguous()[0, 0])
    print(time.perf_counter() - t0)


if __name__ == '__main__':
    torch.set_num_threads(1)
    if sys.argv[1] == 'write':
        write(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        read(sys.argv[2])
