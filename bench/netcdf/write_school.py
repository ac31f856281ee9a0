#!/usr/bin/python3
"""netCDF-C (through netCDF4-python) writing the school-shaped file of write-school.ts,
frame by frame on an unlimited time dimension. Prints the seconds taken."""
import sys
import time

import netCDF4
import numpy as np

out, n, frames = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
ds = netCDF4.Dataset(out, 'w', format='NETCDF3_64BIT_OFFSET')
ds.createDimension('time', None)
ds.createDimension('fish', n)
ds.createDimension('spatial', 3)
ds.createVariable('time', 'f8', ('time',))
for name in ['positions', 'velocities']:
    ds.createVariable(name, 'f8', ('time', 'fish', 'spatial'))
for name in ['x', 'vx', 'y', 'vy', 'z', 'vz']:
    ds.createVariable(name, 'f8', ('time', 'fish'))
scalars = ['polarization', 'rotation', 'order_index', 'spread'] + [f'entropy_{k}' for k in range(7)]
for name in scalars:
    ds.createVariable(name, 'f8', ('time',))
frame = np.arange(n * 3, dtype='f8').reshape(n, 3)
for t in range(frames):
    ds['time'][t] = t
    ds['positions'][t] = frame + t
    ds['velocities'][t] = frame - t
    for k, name in enumerate(['x', 'vx', 'y', 'vy', 'z', 'vz']):
        ds[name][t] = frame[:, k // 2] + t
    for name in scalars:
        ds[name][t] = t * 0.5
ds.close()
print(time.perf_counter() - start)
