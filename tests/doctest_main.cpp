#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

namespace {
// How many test cases the last run's filters let through.
unsigned g_selected = 0;

// CTest runs each test case alone by its name (--test-case=NAME). A name the filter cannot match
// (doctest splits filters at commas and CMake lists at semicolons) would select nothing and pass
// without testing anything: a run that selects no test case fails instead.
struct SelectedCounter : doctest::IReporter {
    explicit SelectedCounter(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& stats) override { g_selected = stats.numTestCasesPassingFilters; }
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("selected-counter", 1, SelectedCounter);
}  // namespace

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit()) return result;  // --help, --list-test-cases and the like
    if (result == 0 && g_selected == 0) {
        std::fprintf(stderr, "no test case matches the filters given: a name with ',' or ';' cannot be selected\n");
        return 1;
    }
    return result;
}
