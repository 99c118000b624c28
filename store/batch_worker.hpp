// A second thread that runs queued tasks in order, for case.db: SQLite executes the batches
// of a run while the caller renders the next rows (on 2 cores, SQLite's share of
// a recorded run is as large as the rest of the output). Internal to claims/case_db.cpp.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace kanzai::claims {

class BatchWorker {
public:
    // At most `max_in_flight` tasks are queued or running at once; submit() blocks beyond.
    explicit BatchWorker(std::size_t max_in_flight);
    // Drops the tasks not yet started, waits for the running one, joins. Never throws.
    ~BatchWorker();
    BatchWorker(const BatchWorker&) = delete;
    BatchWorker& operator=(const BatchWorker&) = delete;

    // Queues `task`. Rethrows the failure of an earlier task (later tasks are then dropped).
    void submit(std::function<void()> task);
    // Returns once every queued task has run; rethrows the first failure.
    void drain();

private:
    void loop();
    void rethrow_failure();  // with mutex_ held

    std::size_t max_in_flight_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::function<void()>> tasks_;
    std::size_t in_flight_ = 0;  // queued + running
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::thread thread_;  // last: starts once the members it uses exist
};

}  // namespace kanzai::claims
