// Message storages, +CPMS choices, listing and deleting (spec services §2.1, §2.6, §2.11).
#include <gtest/gtest.h>

#include "emulator/sms/sms_storages.h"
#include "tests/unit/sms_examples.h"

namespace cellemu::sms {
namespace {

using namespace examples;

StoredMessage received(std::string_view hex, MessageStatus s = MessageStatus::RecUnread) {
  return StoredMessage{s, pdu(hex)};
}

TEST(SmsStore, LowestFreeIndexAndCapacity) {
  MessageStore store(3);
  EXPECT_EQ(store.add(received(kD1)), 1);
  EXPECT_EQ(store.add(received(kD2)), 2);
  EXPECT_EQ(store.add(received(kDL)), 3);
  EXPECT_TRUE(store.full());
  EXPECT_FALSE(store.add(received(kD1)));
  EXPECT_TRUE(store.remove(2));
  EXPECT_EQ(store.add(received(kC1)), 2);
  EXPECT_EQ(store.used(), 3u);
}

TEST(SmsStore, ReadingMarksRead) {  // S-013, S-017, S-022
  MessageStore store(50);
  store.add(received(kD1));
  EXPECT_EQ(store.read(1)->status, MessageStatus::RecUnread);
  EXPECT_EQ(store.read(1)->status, MessageStatus::RecRead);
  EXPECT_EQ(to_hex(store.read(1)->pdu.octets()), kD1);
  for (const int bad : {0, 2, 50, 51, -1}) EXPECT_FALSE(store.read(bad)) << bad;
  EXPECT_TRUE(store.remove(1));
  EXPECT_FALSE(store.remove(1));
  EXPECT_FALSE(store.read(1));
}

TEST(SmsStore, ListingByStatus) {  // S-019, S-020, S-021
  MessageStore store(50);
  store.add(received(kD1, MessageStatus::RecRead));
  store.add(received(kD2));
  store.add(StoredMessage{MessageStatus::StoUnsent, pdu(kM1)});
  EXPECT_TRUE(store.list(ListFilter::StoSent).empty());
  const auto all = store.list(ListFilter::All);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].index, 1);
  EXPECT_EQ(all[1].message.status, MessageStatus::RecUnread);  // shown as it was
  EXPECT_EQ(store.find(2)->status, MessageStatus::RecRead);    // and now read
  EXPECT_TRUE(store.list(ListFilter::RecUnread).empty());
  EXPECT_EQ(store.list(ListFilter::StoUnsent).size(), 1u);
}

TEST(SmsStore, DeleteFlags) {  // S-023
  auto fill = [] {
    MessageStore store(10);
    store.add(received(kD1, MessageStatus::RecRead));
    store.add(received(kD2, MessageStatus::RecUnread));
    store.add(StoredMessage{MessageStatus::StoUnsent, pdu(kM1)});
    store.add(StoredMessage{MessageStatus::StoSent, pdu(kM1)});
    return store;
  };
  const std::pair<DeleteFlag, std::vector<int>> cases[] = {
      {DeleteFlag::Read, {2, 3, 4}},
      {DeleteFlag::ReadSent, {2, 3}},
      {DeleteFlag::ReadSentUnsent, {2}},
      {DeleteFlag::All, {}},
  };
  for (const auto& [flag, left] : cases) {
    auto store = fill();
    store.remove_all(flag);
    EXPECT_EQ(store.used_indexes(), left) << static_cast<int>(flag);
  }
}

TEST(SmsStore, SendingFromStorage) {  // S-036, S-037
  MessageStore store(5);
  store.add(StoredMessage{MessageStatus::StoUnsent, pdu(kM1)});
  store.add(received(kD1));
  EXPECT_TRUE(store.mark_sent(1));
  EXPECT_EQ(store.find(1)->status, MessageStatus::StoSent);
  EXPECT_FALSE(store.mark_sent(2));  // a received message is not sent (CMS 302)
  EXPECT_FALSE(store.mark_sent(3));
}

TEST(SmsStore, StatusNames) {  // S-020, S-021
  EXPECT_EQ(status_name(MessageStatus::StoUnsent), "STO UNSENT");
  EXPECT_EQ(list_filter_from_text("REC UNREAD"), ListFilter::RecUnread);
  EXPECT_EQ(list_filter_from_text("ALL"), ListFilter::All);
  EXPECT_FALSE(list_filter_from_text("all"));
  EXPECT_FALSE(list_filter_from_text("REC  READ"));
  EXPECT_EQ(list_filter_from_number(4), ListFilter::All);
  EXPECT_FALSE(list_filter_from_number(5));
  EXPECT_FALSE(status_from_text("ALL"));
  EXPECT_FALSE(status_from_number(4));
  EXPECT_EQ(delete_flag_from_number(3), DeleteFlag::ReadSentUnsent);
  EXPECT_FALSE(delete_flag_from_number(-1));
}

TEST(SmsStorages, PreferredMemories) {  // S-005, S-006, S-007
  SmsStorages st(50, 10);
  for (int i = 0; i < 3; ++i) st.store(Storage::Sm).add(received(kD1));
  auto u = st.usage();
  EXPECT_EQ(u[0].storage, Storage::Sm);
  EXPECT_EQ(u[0].used, 3u);
  EXPECT_EQ(u[0].total, 50u);
  EXPECT_FALSE(st.select("ME", std::nullopt, std::nullopt, CmsCause::InvalidPduParameter));
  u = st.usage();
  EXPECT_EQ(u[0].storage, Storage::Me);
  EXPECT_EQ(u[0].total, 10u);
  EXPECT_EQ(u[1].storage, Storage::Sm);
  EXPECT_EQ(u[2].used, 3u);
  EXPECT_EQ(st.select("BM", std::nullopt, std::nullopt, CmsCause::InvalidPduParameter),
            CmsCause::NotSupported);
  EXPECT_EQ(st.select("SM", "XX", std::nullopt, CmsCause::InvalidTextParameter),
            CmsCause::InvalidTextParameter);
  EXPECT_EQ(st.preferred().mem1, Storage::Me);  // nothing changed on the error
  EXPECT_FALSE(st.select("ME", "ME", "ME", CmsCause::InvalidPduParameter));
  EXPECT_EQ(&st.mem3(), &st.store(Storage::Me));
  st.reset_preferred();
  EXPECT_EQ(&st.mem3(), &st.store(Storage::Sm));
  EXPECT_EQ(st.offered(), (std::vector<Storage>{Storage::Me, Storage::Sm}));
}

TEST(SmsStorages, AStorageWithoutCapacityIsAbsent) {
  SmsStorages st(50, 0);
  EXPECT_EQ(st.select("ME", std::nullopt, std::nullopt, CmsCause::InvalidPduParameter),
            CmsCause::NotSupported);
  EXPECT_EQ(st.offered(), (std::vector<Storage>{Storage::Sm}));
}

}  // namespace
}  // namespace cellemu::sms
