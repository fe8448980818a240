#pragma once
// The allocation count that test_no_allocation.cpp keeps (it replaces malloc and its relatives, or
// hooks the sanitizer's), for every test in this executable.

// Allocations so far in the whole program, any thread.
long allocations_so_far();

// Allocations made while work() runs.
long allocations_during(const auto& work) {
    const long before = allocations_so_far();
    work();
    return allocations_so_far() - before;
}
