// search_latency: the in-process latency of dangan's search (bench/search).
// Opens a home's index and catalog once, as a long-running server does, and
// times each query of QUERIES (one per line) through search::Searcher with
// facets and snippets, exactly what `dangan search` computes per request.
//
//   search_latency HOME QUERIES [--level LEVEL|none] [--rounds N]
//
// --level: the clearance filter (RECORDS §2) as a user cleared for LEVEL
// sees it; none = no filter. Each round runs every query once; the first
// round warms the caches and is not counted when N > 1. Prints one JSON
// object: count, median_ms, p95_ms, mean_ms, max_ms, hits (summed totals).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/home.h"
#include "core/text_fold.h"
#include "search/searcher.h"

namespace {

int Fail(const std::string& what) {
  std::fprintf(stderr, "search_latency: %s\n", what.c_str());
  return 1;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace dangan;
  if (argc < 3) return Fail("usage: search_latency HOME QUERIES [--level LEVEL|none] [--rounds N]");
  Home home{std::filesystem::absolute(argv[1])};
  std::string level = "none";
  int rounds = 2;
  for (int i = 3; i + 1 < argc; i += 2) {
    std::string opt = argv[i];
    if (opt == "--level") level = argv[i + 1];
    else if (opt == "--rounds") rounds = std::max(1, std::stoi(argv[i + 1]));
    else return Fail("unknown option " + opt);
  }
  std::vector<std::string> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) queries.push_back(line);
  if (queries.empty()) return Fail(std::string(argv[2]) + ": no queries");

  auto catalog = catalog::Catalog::Open(home.catalog(), false);
  if (!catalog.ok()) return Fail(catalog.status().ToString());
  auto folder = TextFolder::Create();
  if (!folder.ok()) return Fail(folder.status().ToString());
  auto searcher = search::Searcher::Open(home.index(), catalog->get(), folder->get());
  if (!searcher.ok()) return Fail(searcher.status().ToString());

  search::SearchOptions options;
  if (level != "none") {
    auto l = ParseLevel(level);
    if (!l) return Fail("--level must be public, internal, confidential, secret or none");
    options.max_level = *l;
  }
  std::vector<double> ms;
  int64_t hits = 0;
  for (int round = 0; round < rounds; ++round) {
    const bool counted = rounds == 1 || round > 0;
    for (const std::string& q : queries) {
      options.query = q;
      auto t0 = std::chrono::steady_clock::now();
      auto result = (*searcher)->Search(options);
      auto t1 = std::chrono::steady_clock::now();
      if (!result.ok()) return Fail(q + ": " + result.status().ToString());
      if (!counted) continue;
      ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      hits += result->total;
    }
  }
  double sum = 0;
  for (double x : ms) sum += x;
  nlohmann::json out = {{"level", level},
                        {"count", ms.size()},
                        {"median_ms", Percentile(ms, 0.5)},
                        {"p95_ms", Percentile(ms, 0.95)},
                        {"mean_ms", sum / static_cast<double>(ms.size())},
                        {"max_ms", *std::max_element(ms.begin(), ms.end())},
                        {"hits", hits}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
