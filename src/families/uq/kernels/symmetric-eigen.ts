/** The small dense symmetric eigensolver (cyclic Jacobi) the graph baselines use, shared with core linear algebra. */
export {symmetricEigen, type SymmetricEigen} from '../../../core/linalg/jacobi-eigen.js'
