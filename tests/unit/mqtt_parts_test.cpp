// The MQTT client's parts: packet ids, the receive cache, topic checks, paced events.
#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "net/mqtt/in_flight.h"
#include "net/mqtt/receive_cache.h"
#include "net/mqtt/topic.h"
#include "net/paced_events.h"

namespace cellemu::net::mqtt {
namespace {

using namespace std::chrono_literals;

TEST(MqttInFlight, IdsCountFromOneWrapAndSkipThoseInUse) {
  InFlight f;
  EXPECT_EQ(f.allocate(Awaiting::SubAck), 1);
  EXPECT_EQ(f.allocate(Awaiting::PubAck), 2);
  EXPECT_TRUE(f.acknowledge(2, Awaiting::PubAck));
  for (int i = 3; i <= 65535; ++i) {
    ASSERT_TRUE(f.allocate(Awaiting::PubAck));
    ASSERT_TRUE(f.acknowledge(static_cast<std::uint16_t>(i), Awaiting::PubAck));
  }
  EXPECT_EQ(f.allocate(Awaiting::PubAck), 2);  // wrapped, skipped 0 and the pending 1
  f.reset();
  EXPECT_EQ(f.allocate(Awaiting::PubAck), 1);
}

TEST(MqttInFlight, FullWhenEveryIdWaits) {
  InFlight f(3);
  EXPECT_TRUE(f.allocate(Awaiting::PubAck));
  EXPECT_TRUE(f.allocate(Awaiting::PubAck));
  EXPECT_TRUE(f.allocate(Awaiting::PubAck));
  EXPECT_FALSE(f.allocate(Awaiting::PubAck));
}

TEST(MqttInFlight, Qos2FlowMovesFromPubRecToPubComp) {
  InFlight f;
  const auto id = *f.allocate(Awaiting::PubRec);
  EXPECT_FALSE(f.acknowledge(id, Awaiting::PubComp));
  EXPECT_TRUE(f.acknowledge(id, Awaiting::PubRec));
  EXPECT_FALSE(f.acknowledge(id, Awaiting::PubRec));
  EXPECT_TRUE(f.acknowledge(id, Awaiting::PubComp));
  EXPECT_EQ(f.outgoing(), 0u);
  EXPECT_TRUE(f.receive_qos2(9));
  EXPECT_FALSE(f.receive_qos2(9));
  EXPECT_TRUE(f.release_qos2(9));
  EXPECT_TRUE(f.receive_qos2(9));
}

// LTM: first message to slot 0; after a read the next goes to 0 again, then 1 (OQ-A15).
TEST(MqttReceiveCache, LowestFreeSlotAndOldestFirst) {
  ReceiveCache c;
  EXPECT_EQ(c.store({"t", "1"}), 0u);
  EXPECT_EQ(c.take_all().size(), 1u);
  EXPECT_EQ(c.store({"t", "2"}), 0u);
  EXPECT_EQ(c.store({"t", "3"}), 1u);
  EXPECT_EQ(c.occupied(), (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(c.store({"t", "4"}), 2u);
  EXPECT_EQ(c.store({"t", "5"}), 3u);
  EXPECT_EQ(c.store({"t", "6"}), 0u);  // replaces "2", the oldest
  EXPECT_EQ(c.store({"t", "7"}), 1u);  // then "3"
  const auto all = c.take_all();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].payload, "4");
  EXPECT_EQ(all[1].payload, "5");
  EXPECT_EQ(all[2].payload, "6");
  EXPECT_EQ(all[3].payload, "7");
  EXPECT_EQ(c.size(), 0u);
}

TEST(MqttTopic, NamesFiltersAndUtf8) {
  EXPECT_TRUE(valid_topic_name("mqtt/pub_topic"));
  EXPECT_TRUE(valid_topic_name("/will_topic"));
  EXPECT_FALSE(valid_topic_name(""));
  EXPECT_FALSE(valid_topic_name("a/+/b"));
  EXPECT_FALSE(valid_topic_name("a/#"));
  EXPECT_TRUE(valid_topic_filter("#"));
  EXPECT_TRUE(valid_topic_filter("a/+/b/#"));
  EXPECT_TRUE(valid_topic_filter("+"));
  EXPECT_FALSE(valid_topic_filter("a/#/b"));
  EXPECT_FALSE(valid_topic_filter("a#"));
  EXPECT_FALSE(valid_topic_filter("a/b+"));
  EXPECT_TRUE(valid_utf8("\xE4\xB8\xAD\xE5\x9B\xBD"));    // 中国
  EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80"));            // U+1F600
  EXPECT_FALSE(valid_utf8("\xC0\x80"));                   // overlong NUL
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));               // surrogate
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));           // past U+10FFFF
  EXPECT_FALSE(valid_utf8(std::string_view("a\0b", 3)));  // U+0000
  EXPECT_FALSE(valid_utf8("\xE4\xB8"));                   // cut short
}

TEST(PacedEvents, ImmediateWhenIdleOrderedWhenDelayed) {
  core::ManualTimerService timers;
  std::string seen;
  std::vector<bool> pressure;
  PacedEvents q(timers, 2, [&](bool high) { pressure.push_back(high); });
  q.post(0ms, [&] { seen += "a"; });
  EXPECT_EQ(seen, "a");
  q.post(100ms, [&] { seen += "b"; });
  q.post(0ms, [&] { seen += "c"; });  // behind b, not before it
  q.post(10ms, [&] { seen += "d"; });
  EXPECT_EQ(seen, "a");
  EXPECT_EQ(pressure, (std::vector<bool>{true}));
  timers.advance(99ms);
  EXPECT_EQ(seen, "a");
  timers.advance(1ms);
  EXPECT_EQ(seen, "abcd");
  EXPECT_EQ(pressure, (std::vector<bool>{true, false}));
  q.post(5ms, [&] { seen += "e"; });
  q.clear();
  timers.advance(10ms);
  EXPECT_EQ(seen, "abcd");
}

}  // namespace
}  // namespace cellemu::net::mqtt
