// Run-time options of AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer, linked
// into every test program of a sanitizer build (NNSCOPE_SANITIZE), so that a test program behaves
// the same from ctest, a shell or a debugger. ASAN_OPTIONS and UBSAN_OPTIONS still override them.
// Any report ends the program with a non-zero exit status, which fails its test.

// No detect_stack_use_after_return: it moves frames onto a heap "fake stack", and a training step
// keeps Eigen's product blocks (up to 1 MB, EIGEN_STACK_ALLOCATION_LIMIT) on the stack; with it the
// lesson 4 trainer ran at 4 steps a second instead of 50, and its tests timed out.
extern "C" const char* __asan_default_options() {
    return "halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1";
}

extern "C" const char* __ubsan_default_options() {
    return "halt_on_error=1:print_stacktrace=1";
}
