// Catalog: holds, destruction lists and tombstones (RECORDS §6).
#include <gtest/gtest.h>

#include "support/catalog_fixture.h"

namespace dangan::testing {
namespace {

class DestructionCatalogTest : public CatalogFixture {
 protected:
  int64_t Add(const std::string& title, DocType type = DocType::kContract,
              catalog::Fields fields = {}) {
    DocSpec spec;
    spec.title = title;
    spec.pages = {title + "正文"};
    spec.archive_no = "KH-2010-0001";
    spec.doc_type = type;
    spec.fields = std::move(fields);
    return AddDocument(spec);
  }
  catalog::Tombstone TombstoneOf(int64_t id, int64_t list_id) {
    auto doc = catalog()->GetDocument(id);
    EXPECT_OK(doc);
    catalog::Tombstone t;
    t.doc_id = id;
    t.list_id = list_id;
    if (doc.ok() && doc->has_value()) {
      t.archive_no = (*doc)->archive_no;
      t.title = (*doc)->title;
      t.sha256 = (*doc)->sha256;
      t.contract_no = (*doc)->fields.contract_no;
      t.stored_path = (*doc)->stored_path;
    }
    t.doc_type = "contract";
    t.approvers = {{"wang", "2026-11-29T10:00:00Z"}, {"zhao", "2026-11-29T10:01:00Z"}};
    t.executed_at = "2026-11-29T11:00:00Z";
    t.executed_by = "chen";
    t.retention_class = "short";
    t.due_date = "2022-01-01";
    return t;
  }
};

TEST_F(DestructionCatalogTest, DestroyingKeepsATombstoneAndNeverReusesTheId) {
  AddClient("KH-2010-0001", "旧客户");
  catalog::Fields f;
  f.contract_no = "HT-2011-0001";
  int64_t first = Add("旧合同", DocType::kContract, f);
  int64_t last = Add("旧通知", DocType::kLetter);
  ASSERT_GT(last, first);
  ASSERT_OK(catalog()->AddSource(last, "inbox/copy.pdf", true));
  ASSERT_OK(catalog()->Transaction([&] {
    DANGAN_RETURN_IF_ERROR(catalog()->DestroyDocument(TombstoneOf(first, 1)));
    return catalog()->DestroyDocument(TombstoneOf(last, 1));
  }));
  auto gone = catalog()->GetDocument(last);
  ASSERT_OK(gone);
  EXPECT_FALSE(gone->has_value());
  auto pages = catalog()->GetPages(last);
  ASSERT_OK(pages);
  EXPECT_TRUE(pages->empty());
  auto t = catalog()->GetTombstone(last);
  ASSERT_OK(t);
  ASSERT_TRUE(t->has_value());
  EXPECT_EQ((*t)->approvers.size(), 2u);
  EXPECT_EQ((*t)->approvers[1].user, "zhao");
  EXPECT_FALSE((*t)->cleaned_at.has_value());
  auto by_number = catalog()->TombstonesByField("contract_no", "ht-2011-0001");
  ASSERT_OK(by_number);
  ASSERT_EQ(by_number->size(), 1u);
  EXPECT_EQ(by_number->front().doc_id, first);
  // The highest id was destroyed: the next document still gets a new one.
  int64_t next = Add("新合同");
  EXPECT_GT(next, last);
  auto unclean = catalog()->UncleanedTombstones();
  ASSERT_OK(unclean);
  EXPECT_EQ(unclean->size(), 2u);
  ASSERT_OK(catalog()->MarkTombstoneCleaned(first, "2026-11-29T11:00:01Z"));
  unclean = catalog()->UncleanedTombstones();
  ASSERT_OK(unclean);
  EXPECT_EQ(unclean->size(), 1u);
  // Destroying what is not there fails (and the transaction rolls back).
  EXPECT_FALSE(catalog()->Transaction([&] {
    return catalog()->DestroyDocument(TombstoneOf(9999, 1));
  }).ok());
}

TEST_F(DestructionCatalogTest, HoldsOnAnArchiveCoverItsDocuments) {
  AddClient("KH-2010-0001", "旧客户");
  int64_t id = Add("旧合同");
  catalog::Hold on_archive;
  on_archive.archive_no = "KH-2010-0001";
  on_archive.reason = "audit";
  on_archive.added_by = "chen";
  on_archive.added_at = "2026-11-29T10:00:00Z";
  ASSERT_OK(catalog()->InsertHold(&on_archive));
  auto holds = catalog()->HoldsOn(id, std::string("KH-2010-0001"));
  ASSERT_OK(holds);
  EXPECT_EQ(holds->size(), 1u);
  auto unfiled = catalog()->HoldsOn(id, std::nullopt);
  ASSERT_OK(unfiled);
  EXPECT_TRUE(unfiled->empty());
  catalog::Hold both = on_archive;
  both.doc_id = id;
  EXPECT_FALSE(catalog()->InsertHold(&both).ok()) << "an archive or a document, not both";
  auto removed = catalog()->RemoveHolds(std::string("KH-2010-0001"), std::nullopt, "chen",
                                        "2026-11-29T12:00:00Z", "done");
  ASSERT_OK(removed);
  EXPECT_EQ(*removed, 1);
  holds = catalog()->HoldsOn(id, std::string("KH-2010-0001"));
  ASSERT_OK(holds);
  EXPECT_TRUE(holds->empty());
  auto all = catalog()->ListHolds(true);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().remove_reason, "done");
}

TEST_F(DestructionCatalogTest, ListsMoveThroughTheirStates) {
  AddClient("KH-2010-0001", "旧客户");
  int64_t id = Add("旧合同");
  catalog::DestructionList list;
  list.state = "proposed";
  list.proposed_by = "li";
  list.proposed_at = "2026-11-29T10:00:00Z";
  list.as_of = "2030-01-01";
  list.items.push_back({id, "short", "2022-01-01", std::nullopt, ""});
  ASSERT_OK(catalog()->InsertDestructionList(&list));
  auto open = catalog()->DocumentsOnOpenLists();
  ASSERT_OK(open);
  EXPECT_EQ(open->at(id), list.id);
  ASSERT_OK(catalog()->AddDestructionApproval(list.id, "wang", "2026-11-29T10:01:00Z"));
  EXPECT_FALSE(catalog()->AddDestructionApproval(list.id, "wang", "2026-11-29T10:02:00Z").ok())
      << "one approval per user";
  ASSERT_OK(catalog()->SetDestructionApproved(list.id));
  ASSERT_OK(catalog()->SetDestructionItemOutcome(list.id, id, "spared", "held"));
  ASSERT_OK(catalog()->MarkDestructionExecuted(list.id, "chen", "2026-11-29T11:00:00Z"));
  auto read = catalog()->GetDestructionList(list.id);
  ASSERT_OK(read);
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ((*read)->state, "executed");
  EXPECT_EQ((*read)->approvals.size(), 1u);
  ASSERT_EQ((*read)->items.size(), 1u);
  EXPECT_EQ((*read)->items[0].outcome, "spared");
  EXPECT_EQ((*read)->items[0].note, "held");
  open = catalog()->DocumentsOnOpenLists();
  ASSERT_OK(open);
  EXPECT_TRUE(open->empty());
  EXPECT_EQ(catalog()->RejectDestructionList(777, "wang", "now", "x").code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace dangan::testing
