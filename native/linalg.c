/*
 * infolens_linalg: float64 linear algebra for infolens over CBLAS/LAPACKE (OpenBLAS).
 * Plain C on node_api.h (no node-addon-api), context-aware so worker threads can load it.
 *
 *   gram(a: Float64Array|Float32Array, rows, cols[, out]) -> Float64Array  smaller Gram, full symmetric (DSYRK);
 *                                                  into `out` (n*n elements or more, apart from `a`) when given
 *   eigvalsh(a: Float64Array, n)                   -> Float64Array  ascending (DSYEVD, jobz='N')
 *   svdvals(a: Float64Array|Float32Array, rows, cols) -> Float64Array descending (DGESDD, jobz='N')
 *   luFactor(a: Float64Array|Float32Array, n)      -> {lu, pivots, info} LU with partial pivoting (DGETRF)
 *   luSolve(lu, pivots, n, b: Float64Array, nrhs, transpose) -> Float64Array  solves with the factors (DGETRS)
 *   setThreads(k), getThreads(), configInfo()     OpenBLAS threading and build string
 *
 * Row-major data are handed to LAPACK as column-major without a transpose: a row-major
 * symmetric matrix's upper triangle is the column-major lower triangle, and a row-major
 * rows x cols matrix is the column-major cols x rows transpose, which has the same singular
 * values. Inputs are copied (LAPACK overwrites its arguments) and never modified. The LU
 * functions follow the same rule: the factored matrix M is the column-major reading of the
 * buffer (Wᵀ for a row-major W), right-hand sides are column-major n x nrhs blocks, and
 * pivots are 0-based (LAPACK's are 1-based).
 */
#include <node_api.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <cblas.h>
#include <lapacke.h>

extern void openblas_set_num_threads(int);
extern int openblas_get_num_threads(void);
extern char *openblas_get_config(void);

#define CHECK(env, call)                                             \
  do {                                                               \
    if ((call) != napi_ok) {                                         \
      napi_throw_error((env), NULL, "infolens_linalg: N-API failure: " #call); \
      return NULL;                                                   \
    }                                                                \
  } while (0)

typedef struct {
  double *f64;   /* when the input is Float64Array */
  float *f32;    /* when the input is Float32Array */
  size_t length; /* elements */
} matrix_view;

static int get_matrix(napi_env env, napi_value value, matrix_view *out, int allow_f32) {
  bool is_typed = false;
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_value buffer;
  size_t offset;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) {
    napi_throw_type_error(env, NULL, allow_f32 ? "expected a Float64Array or Float32Array" : "expected a Float64Array");
    return 0;
  }
  if (napi_get_typedarray_info(env, value, &type, &length, &data, &buffer, &offset) != napi_ok) return 0;
  out->f64 = NULL;
  out->f32 = NULL;
  out->length = length;
  if (type == napi_float64_array) out->f64 = (double *)data;
  else if (type == napi_float32_array && allow_f32) out->f32 = (float *)data;
  else {
    napi_throw_type_error(env, NULL, allow_f32 ? "expected a Float64Array or Float32Array" : "expected a Float64Array");
    return 0;
  }
  return 1;
}

static int get_dim(napi_env env, napi_value value, const char *what, int64_t *out) {
  double d;
  if (napi_get_value_double(env, value, &d) != napi_ok || !(d >= 1) || d != (double)(int64_t)d || d > 2147483647.0) {
    char msg[96];
    snprintf(msg, sizeof msg, "%s must be a positive 32-bit integer", what);
    napi_throw_range_error(env, NULL, msg);
    return 0;
  }
  *out = (int64_t)d;
  return 1;
}

/* A new Float64Array of `count` elements; *data points at its storage. */
static napi_value new_f64(napi_env env, size_t count, double **data) {
  napi_value ab, ta;
  if (napi_create_arraybuffer(env, count * sizeof(double), (void **)data, &ab) != napi_ok) return NULL;
  if (napi_create_typedarray(env, napi_float64_array, count, ab, 0, &ta) != napi_ok) return NULL;
  return ta;
}

/* float64 copy of the first `count` elements (caller frees). */
static double *copy_f64(const matrix_view *m, size_t count) {
  double *c = (double *)malloc(count * sizeof(double));
  if (c == NULL) return NULL;
  if (m->f64 != NULL) memcpy(c, m->f64, count * sizeof(double));
  else for (size_t i = 0; i < count; i++) c[i] = (double)m->f32[i];
  return c;
}

static int get_args(napi_env env, napi_callback_info info, size_t expected, napi_value *argv) {
  size_t argc = expected;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return 0;
  if (argc < expected) {
    napi_throw_type_error(env, NULL, "infolens_linalg: too few arguments");
    return 0;
  }
  return 1;
}

/* The (matrix, rows, cols) arguments of gram and svdvals; throws and returns 0 on bad input. */
static int get_rect_args(napi_env env, napi_callback_info info, matrix_view *m, int64_t *rows, int64_t *cols) {
  napi_value argv[3];
  if (!get_args(env, info, 3, argv) || !get_matrix(env, argv[0], m, 1) || !get_dim(env, argv[1], "rows", rows) ||
      !get_dim(env, argv[2], "cols", cols))
    return 0;
  if (m->length < (size_t)(*rows * *cols)) {
    napi_throw_range_error(env, NULL, "matrix is shorter than rows*cols");
    return 0;
  }
  return 1;
}

/*
 * The optional 4th argument of gram: a Float64Array of at least n*n elements that does not overlap the
 * input, written instead of a new array (a caller computing many small Grams keeps one buffer and spares
 * an ArrayBuffer per call). Sets *g and *result; returns 0 after throwing on a bad buffer, 1 otherwise
 * (*result NULL when no buffer was given).
 */
static int get_gram_out(napi_env env, napi_callback_info info, const matrix_view *a, size_t a_bytes, int64_t n,
                        double **g, napi_value *result) {
  size_t argc = 4;
  napi_value argv[4];
  napi_valuetype kind;
  *result = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return 0;
  if (argc < 4 || napi_typeof(env, argv[3], &kind) != napi_ok || kind == napi_undefined) return 1;
  matrix_view out;
  if (!get_matrix(env, argv[3], &out, 0)) return 0;
  if (out.length < (size_t)(n * n)) {
    napi_throw_range_error(env, NULL, "gram: out is shorter than n*n");
    return 0;
  }
  const char *o0 = (const char *)out.f64, *o1 = o0 + (size_t)(n * n) * sizeof(double);
  const char *a0 = a->f64 != NULL ? (const char *)a->f64 : (const char *)a->f32, *a1 = a0 + a_bytes;
  if (o0 < a1 && a0 < o1) {
    napi_throw_range_error(env, NULL, "gram: out overlaps the input");
    return 0;
  }
  *g = out.f64;
  *result = argv[3];
  return 1;
}

static napi_value js_gram(napi_env env, napi_callback_info info) {
  matrix_view m;
  int64_t rows, cols;
  if (!get_rect_args(env, info, &m, &rows, &cols)) return NULL;
  int64_t n = cols <= rows ? cols : rows;
  double *g;
  napi_value result;
  size_t a_bytes = (size_t)(rows * cols) * (m.f64 != NULL ? sizeof(double) : sizeof(float));
  if (!get_gram_out(env, info, &m, a_bytes, n, &g, &result)) return NULL;
  if (result == NULL) result = new_f64(env, (size_t)(n * n), &g);
  if (result == NULL) return NULL;
  double *a = m.f64;
  double *owned = NULL;
  if (a == NULL) {
    owned = a = copy_f64(&m, (size_t)(rows * cols));
    if (a == NULL) {
      napi_throw_error(env, NULL, "out of memory converting float32 input");
      return NULL;
    }
  }
  memset(g, 0, (size_t)(n * n) * sizeof(double));
  if (cols <= rows) /* AᵀA: row-major A is rows x cols, op(A) = Aᵀ */
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, (int)n, (int)rows, 1.0, a, (int)cols, 0.0, g, (int)n);
  else /* AAᵀ */
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, (int)n, (int)cols, 1.0, a, (int)cols, 0.0, g, (int)n);
  free(owned);
  for (int64_t i = 1; i < n; i++)
    for (int64_t j = 0; j < i; j++) g[i * n + j] = g[j * n + i];
  return result;
}

static napi_value js_eigvalsh(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  matrix_view m;
  int64_t n;
  if (!get_args(env, info, 2, argv) || !get_matrix(env, argv[0], &m, 0) || !get_dim(env, argv[1], "n", &n)) return NULL;
  if (m.length < (size_t)(n * n)) {
    napi_throw_range_error(env, NULL, "matrix is shorter than n*n");
    return NULL;
  }
  double *w;
  napi_value result = new_f64(env, (size_t)n, &w);
  if (result == NULL) return NULL;
  double *copy = copy_f64(&m, (size_t)(n * n));
  if (copy == NULL) {
    napi_throw_error(env, NULL, "out of memory copying the matrix");
    return NULL;
  }
  /* row-major upper triangle == column-major lower triangle */
  lapack_int status = LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'N', 'L', (lapack_int)n, copy, (lapack_int)n, w);
  free(copy);
  if (status != 0) {
    char msg[96];
    snprintf(msg, sizeof msg, "LAPACKE_dsyevd failed (info = %d)", (int)status);
    napi_throw_error(env, NULL, msg);
    return NULL;
  }
  return result;
}

static napi_value js_svdvals(napi_env env, napi_callback_info info) {
  matrix_view m;
  int64_t rows, cols;
  if (!get_rect_args(env, info, &m, &rows, &cols)) return NULL;
  int64_t k = cols <= rows ? cols : rows;
  double *s;
  napi_value result = new_f64(env, (size_t)k, &s);
  if (result == NULL) return NULL;
  double *copy = copy_f64(&m, (size_t)(rows * cols));
  if (copy == NULL) {
    napi_throw_error(env, NULL, "out of memory copying the matrix");
    return NULL;
  }
  double dummy = 0;
  /* row-major rows x cols == column-major cols x rows (the transpose: same singular values) */
  lapack_int status = LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'N', (lapack_int)cols, (lapack_int)rows, copy, (lapack_int)cols, s, &dummy, 1,
                                     &dummy, 1);
  free(copy);
  if (status != 0) {
    char msg[96];
    snprintf(msg, sizeof msg, "LAPACKE_dgesdd failed (info = %d)", (int)status);
    napi_throw_error(env, NULL, msg);
    return NULL;
  }
  return result;
}

static napi_value js_lu_factor(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  matrix_view m;
  int64_t n;
  if (!get_args(env, info, 2, argv) || !get_matrix(env, argv[0], &m, 1) || !get_dim(env, argv[1], "n", &n)) return NULL;
  if (m.length < (size_t)(n * n)) {
    napi_throw_range_error(env, NULL, "matrix is shorter than n*n");
    return NULL;
  }
  double *lu;
  napi_value lu_value = new_f64(env, (size_t)(n * n), &lu);
  if (lu_value == NULL) return NULL;
  if (m.f64 != NULL) memcpy(lu, m.f64, (size_t)(n * n) * sizeof(double));
  else for (size_t i = 0; i < (size_t)(n * n); i++) lu[i] = (double)m.f32[i];
  napi_value ab, pivots_value;
  int32_t *pivots;
  CHECK(env, napi_create_arraybuffer(env, (size_t)n * sizeof(int32_t), (void **)&pivots, &ab));
  CHECK(env, napi_create_typedarray(env, napi_int32_array, (size_t)n, ab, 0, &pivots_value));
  lapack_int *ipiv = (lapack_int *)malloc((size_t)n * sizeof(lapack_int));
  if (ipiv == NULL) {
    napi_throw_error(env, NULL, "out of memory for pivots");
    return NULL;
  }
  lapack_int status = LAPACKE_dgetrf(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n, lu, (lapack_int)n, ipiv);
  for (int64_t i = 0; i < n; i++) pivots[i] = (int32_t)ipiv[i] - 1;
  free(ipiv);
  if (status < 0) {
    char msg[96];
    snprintf(msg, sizeof msg, "LAPACKE_dgetrf failed (info = %d)", (int)status);
    napi_throw_error(env, NULL, msg);
    return NULL;
  }
  /* info > 0: an exactly zero pivot (the factors exist, the matrix is singular) */
  napi_value out, info_value;
  CHECK(env, napi_create_object(env, &out));
  CHECK(env, napi_create_int32(env, (int32_t)status, &info_value));
  CHECK(env, napi_set_named_property(env, out, "lu", lu_value));
  CHECK(env, napi_set_named_property(env, out, "pivots", pivots_value));
  CHECK(env, napi_set_named_property(env, out, "info", info_value));
  return out;
}

static napi_value js_lu_solve(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  matrix_view lu, b;
  int64_t n, nrhs;
  bool transpose = false;
  bool is_typed = false;
  napi_typedarray_type type;
  size_t pivot_length;
  void *pivot_data;
  napi_value pivot_buffer;
  size_t pivot_offset;
  if (!get_args(env, info, 6, argv) || !get_matrix(env, argv[0], &lu, 0) || !get_dim(env, argv[2], "n", &n) ||
      !get_matrix(env, argv[3], &b, 0) || !get_dim(env, argv[4], "nrhs", &nrhs))
    return NULL;
  if (napi_is_typedarray(env, argv[1], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[1], &type, &pivot_length, &pivot_data, &pivot_buffer, &pivot_offset) != napi_ok ||
      type != napi_int32_array || pivot_length < (size_t)n) {
    napi_throw_type_error(env, NULL, "pivots must be an Int32Array of n entries");
    return NULL;
  }
  CHECK(env, napi_get_value_bool(env, argv[5], &transpose));
  if (lu.length < (size_t)(n * n) || b.length < (size_t)(n * nrhs)) {
    napi_throw_range_error(env, NULL, "lu is shorter than n*n or b shorter than n*nrhs");
    return NULL;
  }
  double *x;
  napi_value result = new_f64(env, (size_t)(n * nrhs), &x);
  if (result == NULL) return NULL;
  memcpy(x, b.f64, (size_t)(n * nrhs) * sizeof(double));
  lapack_int *ipiv = (lapack_int *)malloc((size_t)n * sizeof(lapack_int));
  if (ipiv == NULL) {
    napi_throw_error(env, NULL, "out of memory for pivots");
    return NULL;
  }
  const int32_t *p = (const int32_t *)pivot_data;
  for (int64_t i = 0; i < n; i++) ipiv[i] = (lapack_int)p[i] + 1;
  lapack_int status = LAPACKE_dgetrs(LAPACK_COL_MAJOR, transpose ? 'T' : 'N', (lapack_int)n, (lapack_int)nrhs, lu.f64,
                                     (lapack_int)n, ipiv, x, (lapack_int)n);
  free(ipiv);
  if (status != 0) {
    char msg[96];
    snprintf(msg, sizeof msg, "LAPACKE_dgetrs failed (info = %d)", (int)status);
    napi_throw_error(env, NULL, msg);
    return NULL;
  }
  return result;
}

static napi_value js_set_threads(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int64_t k;
  if (!get_args(env, info, 1, argv) || !get_dim(env, argv[0], "threads", &k)) return NULL;
  openblas_set_num_threads((int)k);
  return NULL;
}

static napi_value js_get_threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(env, napi_create_int32(env, openblas_get_num_threads(), &out));
  return out;
}

static napi_value js_config_info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  const char *config = openblas_get_config();
  CHECK(env, napi_create_string_utf8(env, config != NULL ? config : "OpenBLAS", NAPI_AUTO_LENGTH, &out));
  return out;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"gram", NULL, js_gram, NULL, NULL, NULL, napi_enumerable, NULL},
      {"eigvalsh", NULL, js_eigvalsh, NULL, NULL, NULL, napi_enumerable, NULL},
      {"svdvals", NULL, js_svdvals, NULL, NULL, NULL, napi_enumerable, NULL},
      {"luFactor", NULL, js_lu_factor, NULL, NULL, NULL, napi_enumerable, NULL},
      {"luSolve", NULL, js_lu_solve, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, js_set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"getThreads", NULL, js_get_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"configInfo", NULL, js_config_info, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}
