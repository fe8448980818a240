#pragma once
// The numeric types of the engine. A batch is row-major [batch, features], so one sample is a row.
#include <type_traits>

#include <Eigen/Core>

namespace nn {

template <class S>
using MatrixT = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class S>
using RowVectorT = Eigen::Matrix<S, 1, Eigen::Dynamic>;
template <class S>
using VectorT = Eigen::Matrix<S, Eigen::Dynamic, 1>;

// A read-only view of a row-major matrix or of a block of its rows, without a copy.
template <class S>
using ConstRefT = Eigen::Ref<const MatrixT<S>>;
// The same as a function parameter that leaves S to be deduced from the other arguments, so that a
// plain matrix converts to it.
template <class S>
using InputT = std::type_identity_t<ConstRefT<S>>;

using Matrix = MatrixT<float>;
using RowVector = RowVectorT<float>;
using Vector = VectorT<float>;

}  // namespace nn
