// PCA against Eigen's SVD, and the projection that must not flip or spin between frames.
#include <doctest/doctest.h>

#include <random>

#include <Eigen/SVD>

#include "nn/pca.h"

namespace {
nn::RowTable random_table(int rows, int cols, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.f, 1.f);
    nn::RowTable t(rows, cols);
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j) t(i, j) = n(rng) * float(cols - j);  // a clear order of variances
    return t;
}
}  // namespace

TEST_CASE("principal axes match Eigen's SVD of the centred rows, up to sign") {
    const nn::RowTable t = random_table(40, 6, 3);
    const nn::PrincipalAxes p = nn::principal_axes(t, 3);
    const Eigen::MatrixXd x = t.cast<double>();
    const Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinV);
    for (int i = 0; i < 3; ++i) {
        const Eigen::VectorXd a = p.axes.col(i), b = svd.matrixV().col(i);
        CHECK(std::abs(a.dot(b)) == doctest::Approx(1.0).epsilon(1e-9));
        const double s = svd.singularValues()(i);
        CHECK(p.variance(i) == doctest::Approx(s * s / 40.0).epsilon(1e-9));
    }
    CHECK(p.total_variance == doctest::Approx(svd.singularValues().squaredNorm() / 40.0).epsilon(1e-9));
    CHECK(p.mean.isApprox(x.colwise().mean(), 1e-12));
}

TEST_CASE("the stable projection shows the plane of the two leading components") {
    const nn::RowTable t = random_table(50, 5, 7);
    nn::StableProjection proj;
    const Eigen::MatrixX2d pts = proj.update(t);
    const nn::PrincipalAxes p = nn::principal_axes(t, 2);
    const Eigen::MatrixXd pca = nn::project(t, p);
    // Same plane: each picture is the other turned or mirrored, so their Gram matrices agree.
    CHECK((pts * pts.transpose()).isApprox(pca * pca.transpose(), 1e-9));
    CHECK(proj.explained() == doctest::Approx(p.variance.sum() / p.total_variance));
    CHECK(proj.explained() > 0.5);
    CHECK(proj.explained() <= 1.0);
}

TEST_CASE("the projection neither flips nor swaps its axes when the table barely changes") {
    // Two directions of almost equal variance: a nudge swaps which one PCA calls first, and its sign
    // is arbitrary, so raw PCA jumps by the whole width of the cloud.
    std::mt19937 rng(11);
    std::normal_distribution<float> n(0.f, 1.f);
    nn::RowTable t(60, 4);
    for (int i = 0; i < 60; ++i) t.row(i) << n(rng), n(rng), 0.1f * n(rng), 0.1f * n(rng);
    // Make the first two columns exactly equal in variance and uncorrelated, then tip the balance.
    Eigen::MatrixXd x = t.cast<double>();
    x = x.rowwise() - x.colwise().mean();
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(x.leftCols(2), Eigen::ComputeThinU);
    x.leftCols(2) = svd.matrixU() * std::sqrt(60.0);
    nn::RowTable before = x.cast<float>();
    before.col(0) *= 1.001f;
    nn::RowTable after = x.cast<float>();
    after.col(1) *= 1.001f;

    const Eigen::MatrixXd raw_before = nn::project(before, nn::principal_axes(before, 2));
    const Eigen::MatrixXd raw_after = nn::project(after, nn::principal_axes(after, 2));
    const double cloud = raw_before.cwiseAbs().maxCoeff();
    CHECK((raw_after - raw_before).rowwise().norm().maxCoeff() > 0.5 * cloud);  // raw PCA jumps

    nn::StableProjection proj;
    const Eigen::MatrixX2d first = proj.update(before);
    const Eigen::MatrixX2d second = proj.update(after);
    CHECK((second - first).rowwise().norm().maxCoeff() < 0.01 * cloud);  // the stable one glides

    // Every row negated: PCA may flip both axes; the picture must not.
    const Eigen::MatrixX2d third = proj.update(-after);
    const Eigen::MatrixX2d fourth = proj.update(after);
    CHECK((fourth - second).norm() < 1e-6 * cloud);
    CHECK(third.rows() == 60);
}

TEST_CASE("a table of another size starts a fresh projection") {
    nn::StableProjection proj;
    CHECK(proj.update(random_table(10, 3, 1)).rows() == 10);
    CHECK(proj.update(random_table(12, 3, 2)).rows() == 12);
    CHECK(proj.update(nn::RowTable(0, 3)).rows() == 0);
}
