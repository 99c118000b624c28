// The case.db insert thread: tasks run in order, never more than its limit at once, and a
// failure stops what follows and reaches the producer. Also run under ThreadSanitizer
// (.ci/run), which checks that the producer and the worker share no unguarded state.
#include "store/batch_worker.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/printing.hpp"

using kanzai::claims::BatchWorker;

TEST_CASE("batch worker: tasks run in order, at most the limit queued or running") {
    constexpr int tasks = 1000;
    constexpr std::size_t limit = 3;
    std::vector<int> order;  // written by the worker only, read after drain()
    std::atomic<int> submitted{0};
    std::atomic<int> finished{0};
    std::atomic<int> most_ahead{0};
    {
        BatchWorker worker(limit);
        for (int index = 0; index < tasks; ++index) {
            worker.submit([&order, &finished, index] {
                order.push_back(index);
                finished.fetch_add(1);
            });
            const int ahead = submitted.fetch_add(1) + 1 - finished.load();
            most_ahead.store(std::max(most_ahead.load(), ahead));
        }
        worker.drain();
    }
    REQUIRE(order.size() == static_cast<std::size_t>(tasks));
    for (int index = 0; index < tasks; ++index) {
        CHECK(order[static_cast<std::size_t>(index)] == index);
    }
    CHECK(most_ahead.load() <= static_cast<int>(limit));
}

TEST_CASE("batch worker: a failed task drops the rest and is rethrown to the producer") {
    std::atomic<int> ran{0};
    BatchWorker worker(4);
    worker.submit([&ran] { ran.fetch_add(1); });
    worker.submit([] { throw std::runtime_error("disk full"); });
    bool thrown = false;
    try {
        for (int index = 0; index < 100; ++index) {
            worker.submit([&ran] { ran.fetch_add(1); });
        }
        worker.drain();
    } catch (const std::runtime_error& error) {
        thrown = std::string(error.what()) == "disk full";
    }
    CHECK(thrown);
    CHECK_THROWS_AS(worker.drain(), std::runtime_error);
    // Tasks run in order and nothing after a failed one runs: only the first ran.
    CHECK(ran.load() == 1);
}

TEST_CASE("batch worker: destroyed with queued tasks, it drops them and joins") {
    std::atomic<int> ran{0};
    {
        BatchWorker worker(8);
        for (int index = 0; index < 8; ++index) {
            worker.submit([&ran] { ran.fetch_add(1); });
        }
    }
    CHECK(ran.load() <= 8);
}
