{
  "targets": [
    {
      "target_name": "infolens_linalg",
      "sources": ["native/linalg.c"],
      "include_dirs": ["/usr/include/x86_64-linux-gnu/openblas-pthread", "/usr/include/openblas"],
      "cflags": ["-O2", "-std=c11", "-Wall"],
      "libraries": ["-llapacke", "-lopenblas"]
    }
  ]
}
