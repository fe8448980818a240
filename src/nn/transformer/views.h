#pragma once
// Views the transformer's layers work through. Every parameter lives in the one flat vector of
// TransformerT; a layer sees its stretch of it as matrices and rows (Map: no copy), and its
// gradient as the same stretch of a gradient vector of the same layout.
#include <type_traits>

#include "nn/tensor.h"

namespace nn {

// T is S for a view that writes, const S for one that only reads.
template <class T>
using MatrixMap = Eigen::Map<std::conditional_t<std::is_const_v<T>, const MatrixT<std::remove_const_t<T>>,
                                                MatrixT<std::remove_const_t<T>>>>;
template <class T>
using RowMap = Eigen::Map<std::conditional_t<std::is_const_v<T>, const RowVectorT<std::remove_const_t<T>>,
                                             RowVectorT<std::remove_const_t<T>>>>;

// Activations in and out: a whole matrix, a Map, or a block of consecutive rows (or of columns:
// the inner stride stays 1), without a copy.
template <class S>
using MatrixIn = Eigen::Ref<const MatrixT<S>>;
template <class S>
using MatrixOut = Eigen::Ref<MatrixT<S>>;
template <class S>
using ColumnIn = Eigen::Ref<const VectorT<S>>;
template <class S>
using ColumnOut = Eigen::Ref<VectorT<S>>;

}  // namespace nn
