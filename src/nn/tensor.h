#pragma once
// The numeric types of the engine. A batch is row-major [batch, features], so one sample is a row.
#include <Eigen/Core>

namespace nn {

template <class S>
using MatrixT = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class S>
using RowVectorT = Eigen::Matrix<S, 1, Eigen::Dynamic>;
template <class S>
using VectorT = Eigen::Matrix<S, Eigen::Dynamic, 1>;

using Matrix = MatrixT<float>;
using RowVector = RowVectorT<float>;
using Vector = VectorT<float>;

}  // namespace nn
