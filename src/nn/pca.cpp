#include "nn/pca.h"

#include <algorithm>
#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

namespace nn {

PrincipalAxes principal_axes(const RowTable& rows, int k) {
    const Eigen::MatrixXd x = rows.cast<double>();
    PrincipalAxes p;
    p.mean = x.colwise().mean();
    const Eigen::MatrixXd centred = x.rowwise() - p.mean;
    // The covariance is dim x dim (at most a few hundred): far cheaper to decompose than the
    // vocabulary-sized table itself.
    const Eigen::MatrixXd cov = (centred.transpose() * centred) / double(std::max<Eigen::Index>(1, x.rows()));
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
    const Eigen::Index dim = x.cols();
    k = int(std::min<Eigen::Index>(k, dim));
    p.axes.resize(dim, k);
    p.variance.resize(k);
    // Eigenvalues come in increasing order.
    for (int i = 0; i < k; ++i) {
        p.axes.col(i) = eig.eigenvectors().col(dim - 1 - i);
        p.variance(i) = std::max(0.0, eig.eigenvalues()(dim - 1 - i));
    }
    p.total_variance = std::max(0.0, cov.trace());
    return p;
}

Eigen::MatrixXd project(const RowTable& rows, const PrincipalAxes& axes) {
    return (rows.cast<double>().rowwise() - axes.mean) * axes.axes;
}

const Eigen::MatrixX2d& StableProjection::update(const RowTable& rows) {
    if (rows.rows() == 0 || rows.cols() == 0) {
        points_.resize(0, 2);
        explained_ = 0;
        return points_;
    }
    const int k = int(std::min<Eigen::Index>(2, rows.cols()));
    const PrincipalAxes axes = principal_axes(rows, k);
    Eigen::MatrixX2d fresh = Eigen::MatrixX2d::Zero(rows.rows(), 2);
    fresh.leftCols(k) = project(rows, axes);
    explained_ = axes.total_variance > 0 ? axes.variance.sum() / axes.total_variance : 0;
    if (points_.rows() == fresh.rows()) {
        // The orthogonal R minimising ||fresh R - previous||: from the SVD of fresh^T previous = U S V^T,
        // R = U V^T. A rotation or a reflection: it undoes both a sign flip and a turn in the plane.
        Eigen::JacobiSVD<Eigen::Matrix2d> svd(fresh.transpose() * points_, Eigen::ComputeFullU | Eigen::ComputeFullV);
        fresh = fresh * (svd.matrixU() * svd.matrixV().transpose());
    }
    points_ = std::move(fresh);
    return points_;
}

}  // namespace nn
