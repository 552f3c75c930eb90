// Five documents in a real catalog and a real index, for the search and
// locate tests: Simplified, Traditional and English text, filed and unfiled.
#ifndef DANGAN_TESTS_SEARCH_SEARCH_FIXTURE_H_
#define DANGAN_TESTS_SEARCH_SEARCH_FIXTURE_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "indexer/reindex.h"
#include "search/searcher.h"
#include "support/catalog_fixture.h"

namespace dangan::search {

class SearchFixture : public testing::CatalogFixture {
 protected:
  void SetUp() override {
    CatalogFixture::SetUp();
    AddClient("KH-2019-0042", "上海华东机械有限公司", "C00017", "91310000MA1FL4XQ2B");
    AddClient("KH-2020-0007", "長榮環保科技有限公司", "C00018", "91140106MA55DRT69L");
    AddClient("KH-2021-0003", "张三", "C00019");
    testing::DocSpec s;
    s.title = "采购合同";
    s.archive_no = "KH-2019-0042";
    s.pages = {
        "采购合同\n合同编号：HT-2023-0017\n项目名称：浦东新区智慧园\n区建设项目\n"
        "甲方：上海华东机械有限公司"};
    s.fields.contract_no = "HT-2023-0017";
    s.fields.date = "2023-03-15";
    s.fields.amount = "1250000.00";
    s.fields.uscc = "91310000MA1FL4XQ2B";
    contract_ = AddDocument(s);

    s = {};
    s.title = "委託代付款協議";
    s.archive_no = "KH-2020-0007";
    s.doc_type = DocType::kOther;
    s.pages = {"委託代付款協議",
               "付款方因石首市農田水利建設項目項下烤漆展示櫃的貨款\n發票號碼 04418823"};
    s.fields.date = "2021-06-01";
    s.fields.amount = "50000";
    traditional_ = AddDocument(s);

    s = {};
    s.title = "SALES CONTRACT";
    s.archive_no = "KH-2019-0042";
    s.pages = {
        "SALES CONTRACT\nContract No. SC/2022/0002\nThis contract was signed by both "
        "parties in Shanghai."};
    s.fields.contract_no = "SC/2022/0002";
    s.fields.date = "2022-01-10";
    s.fields.amount = "300000";
    english_ = AddDocument(s);

    s = {};
    s.title = "增值税专用发票";
    s.doc_type = DocType::kInvoice;
    s.text_source = TextSource::kOcr;
    s.pages = {"增值税专用发票 发票号码 33079631 备注 <script>&"};
    s.fields.invoice_no = "33079631";
    s.fields.date = "2024-05-05";
    s.fields.amount = "8000";
    invoice_ = AddDocument(s);

    s = {};
    s.title = "付款催告函";
    s.archive_no = "KH-2019-0042";
    s.doc_type = DocType::kLetter;
    s.pages = {"付款催告函\n关于合同HT-2023-0017项下货款的催告"};
    s.fields.date = "2023-09-01";
    letter_ = AddDocument(s);

    ASSERT_OK(indexer::Reindex(catalog(), home(), folder(), 500, nullptr));
    auto searcher = Searcher::Open(index_dir(), catalog(), folder());
    ASSERT_OK(searcher);
    searcher_ = std::move(searcher).value();
  }

  Result<SearchResult> Run(const std::string& query, SortOrder sort = SortOrder::kRelevance,
                           int limit = 10) {
    SearchOptions o;
    o.query = query;
    o.sort = sort;
    o.limit = limit;
    return searcher_->Search(o);
  }

  // Ids found, in rank order; empty (with the test failed) on error.
  // The documents matching the whole query (partial hits left out).
  std::vector<int64_t> Ids(const std::string& query, SortOrder sort = SortOrder::kRelevance) {
    auto r = Run(query, sort);
    EXPECT_OK(r) << " query: " << query;
    std::vector<int64_t> ids;
    if (r.ok())
      for (const Hit& h : r->hits)
        if (!h.partial) ids.push_back(h.id);
    return ids;
  }

  std::set<int64_t> IdSet(const std::string& query) {
    auto ids = Ids(query);
    return {ids.begin(), ids.end()};
  }

  std::unique_ptr<Searcher> searcher_;
  int64_t contract_ = 0, traditional_ = 0, english_ = 0, invoice_ = 0, letter_ = 0;
};

}  // namespace dangan::search

#endif  // DANGAN_TESTS_SEARCH_SEARCH_FIXTURE_H_
