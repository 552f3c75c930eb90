// SearchPool: searchers kept open across requests, since opening the index
// and loading the client names costs more than a typical query. A Searcher
// is owned by one thread, so each pooled one has its own catalog connection
// and a lease is used by one request at a time. At most `size` searches run
// at once; more wait for a lease (CPU-bound work on few cores: queueing
// keeps the tail shorter than thrashing).
#ifndef DANGAN_SERVE_SEARCH_POOL_H_
#define DANGAN_SERVE_SEARCH_POOL_H_

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "catalog/catalog.h"
#include "core/home.h"
#include "core/text_fold.h"
#include "core/types.h"
#include "search/searcher.h"

namespace dangan::serve {

class SearchPool {
 public:
  SearchPool(Home home, Level default_level, const TextFolder* folder, int size);
  ~SearchPool();

  struct Slot;

  class Lease {
   public:
    Lease(SearchPool* pool, std::unique_ptr<Slot> slot);
    ~Lease();
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    catalog::Catalog* catalog();
    // Null while there is no index yet (nothing ingested).
    search::Searcher* searcher();
    // After an error: close this slot instead of returning it.
    void Discard();

   private:
    friend class SearchPool;
    SearchPool* pool_;
    std::unique_ptr<Slot> slot_;
  };

  // A searcher at the index's latest commit; blocks while `size` are out.
  Result<Lease> Acquire();

 private:
  void Return(std::unique_ptr<Slot> slot);
  Result<std::unique_ptr<Slot>> MakeSlot();

  const Home home_;
  const Level default_level_;
  const TextFolder* const folder_;
  const int size_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Slot>> idle_;
  int out_or_idle_ = 0;  // slots that exist
};

}  // namespace dangan::serve

#endif  // DANGAN_SERVE_SEARCH_POOL_H_
