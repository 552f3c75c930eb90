#include "serve/search_pool.h"

namespace dangan::serve {
namespace {
// Client names are reloaded this often even when the index did not move:
// `clients import` changes them without a commit to the index.
constexpr std::chrono::seconds kClientsMaxAge{30};
}  // namespace

struct SearchPool::Slot {
  std::unique_ptr<catalog::Catalog> catalog;
  std::unique_ptr<search::Searcher> searcher;
  std::chrono::steady_clock::time_point clients_loaded;
};

SearchPool::SearchPool(Home home, Level default_level, const TextFolder* folder, int size)
    : home_(std::move(home)), default_level_(default_level), folder_(folder), size_(size) {}

SearchPool::~SearchPool() = default;

Result<std::unique_ptr<SearchPool::Slot>> SearchPool::MakeSlot() {
  auto slot = std::make_unique<Slot>();
  auto cat = catalog::Catalog::Open(home_.catalog(), /*create=*/false);
  if (!cat.ok()) return cat.status();
  slot->catalog = std::move(cat).value();
  slot->catalog->set_default_level(default_level_);
  return slot;
}

Result<SearchPool::Lease> SearchPool::Acquire() {
  std::unique_ptr<Slot> slot;
  {
    std::unique_lock<std::mutex> lock(mu_);
    returned_.wait(lock, [this] { return !idle_.empty() || out_or_idle_ < size_; });
    if (!idle_.empty()) {
      slot = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++out_or_idle_;
    }
  }
  if (slot == nullptr) {
    auto made = MakeSlot();
    if (!made.ok()) {
      Return(nullptr);
      return made.status();
    }
    slot = std::move(made).value();
  }
  Lease lease(this, std::move(slot));
  Slot& s = *lease.slot_;
  const auto now = std::chrono::steady_clock::now();
  if (s.searcher == nullptr) {
    auto opened = search::Searcher::Open(home_.index(), s.catalog.get(), folder_);
    if (opened.ok()) {
      s.searcher = std::move(opened).value();
      s.clients_loaded = now;
    } else if (opened.status().code() != StatusCode::kNotFound) {
      lease.Discard();
      return opened.status();
    }
  } else {
    Status refreshed = s.searcher->Refresh();
    if (!refreshed.ok()) {
      lease.Discard();
      return refreshed;
    }
    if (now - s.clients_loaded > kClientsMaxAge) {
      s.searcher->ForgetClients();
      s.clients_loaded = now;
    }
  }
  return lease;
}

void SearchPool::Return(std::unique_ptr<Slot> slot) {
  {
    std::lock_guard<std::mutex> guard(mu_);
    if (slot != nullptr) {
      idle_.push_back(std::move(slot));
    } else {
      --out_or_idle_;
    }
  }
  returned_.notify_one();
}

SearchPool::Lease::Lease(SearchPool* pool, std::unique_ptr<Slot> slot)
    : pool_(pool), slot_(std::move(slot)) {}

SearchPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), slot_(std::move(other.slot_)) {
  other.pool_ = nullptr;
}

SearchPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->Return(std::move(slot_));
}

catalog::Catalog* SearchPool::Lease::catalog() { return slot_->catalog.get(); }

search::Searcher* SearchPool::Lease::searcher() { return slot_->searcher.get(); }

void SearchPool::Lease::Discard() { slot_.reset(); }

}  // namespace dangan::serve
