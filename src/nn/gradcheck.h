#pragma once
// Finite-difference gradient check, in double precision: compares an analytic gradient with
// central differences (L(p + h) - L(p - h)) / 2h, entry by entry.
#include <algorithm>
#include <cmath>

#include "nn/tensor.h"

namespace nn {

// Relative error ||analytic - numeric|| / (||analytic|| + ||numeric||) over all entries of param.
// loss() must recompute the loss from the current value of param, which is perturbed in place and
// restored. A correct backward pass in double precision gives about 1e-9; a wrong one, above 1e-3.
template <class Derived, class AnalyticDerived, class LossFn>
double gradient_check(Eigen::MatrixBase<Derived>& param, const Eigen::MatrixBase<AnalyticDerived>& analytic,
                      LossFn&& loss, double h = 1e-6) {
    double diff2 = 0, a2 = 0, n2 = 0;
    for (Eigen::Index i = 0; i < param.rows(); ++i)
        for (Eigen::Index j = 0; j < param.cols(); ++j) {
            const double saved = param(i, j);
            param(i, j) = saved + h;
            const double up = loss();
            param(i, j) = saved - h;
            const double down = loss();
            param(i, j) = saved;
            const double numeric = (up - down) / (2 * h);
            const double a = analytic(i, j);
            diff2 += (a - numeric) * (a - numeric);
            a2 += a * a;
            n2 += numeric * numeric;
        }
    const double denom = std::sqrt(a2) + std::sqrt(n2);
    return denom < 1e-12 ? std::sqrt(diff2) : std::sqrt(diff2) / denom;
}

}  // namespace nn
