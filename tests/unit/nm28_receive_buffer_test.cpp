// The NM28 module receive store and service-type names, without I/O.
#include "models/nm28/receive_buffer.h"

#include <gtest/gtest.h>

#include "models/nm28/service_type.h"

namespace cellemu::models::nm28 {
namespace {

TEST(Nm28ReceiveBuffer, NoticeOncePerNonEmptyBuffer) {  // S3 §2.7
  ReceiveBuffer b(16);
  EXPECT_FALSE(b.needs_notice());
  b.store("ABCDEFGHIJ");
  EXPECT_TRUE(b.needs_notice());
  b.mark_announced();
  b.store("KLMNO");
  EXPECT_FALSE(b.needs_notice());
  EXPECT_EQ(b.read(12), "ABCDEFGHIJKL");
  EXPECT_FALSE(b.needs_notice());
  EXPECT_EQ(b.read(100), "MNO");
  b.store("R");
  EXPECT_TRUE(b.needs_notice());
}

TEST(Nm28ReceiveBuffer, CapacityCountsReadableAndRawBytes) {
  ReceiveBuffer b(10);
  b.store("abcd");
  b.hold_raw("efgh");
  EXPECT_EQ(b.size(), 8u);
  EXPECT_TRUE(b.fits(2));
  EXPECT_FALSE(b.fits(3));
  EXPECT_FALSE(b.full());
  b.hold_raw("ij");
  EXPECT_TRUE(b.full());
  EXPECT_EQ(b.read(100), "abcd");  // raw bytes are not read by AT+IPRD
  EXPECT_EQ(b.take_raw(), "efghij");
}

TEST(Nm28ReceiveBuffer, RawBytesBecomeReadableUnannounced) {  // OQ-46
  ReceiveBuffer b(100);
  b.hold_raw("late");
  EXPECT_FALSE(b.needs_notice());
  b.make_raw_readable();
  EXPECT_TRUE(b.needs_notice());
  EXPECT_EQ(b.read(2), "la");
  b.clear();
  EXPECT_EQ(b.size(), 0u);
  EXPECT_FALSE(b.needs_notice());
}

TEST(Nm28ServiceType, NamesAsS3PrintsThem) {
  EXPECT_EQ(parse_service_type("TCP"), ServiceType::Tcp);
  EXPECT_EQ(parse_service_type("udp service"), ServiceType::UdpService);
  EXPECT_EQ(parse_service_type("TCP LISTENER"), ServiceType::TcpListener);
  EXPECT_FALSE(parse_service_type("TCP INCOMING"));  // only the module gives that type
  EXPECT_FALSE(parse_service_type("TCPLISTENER"));
  EXPECT_EQ(service_type_name(ServiceType::TcpIncoming), "TCP INCOMING");
  EXPECT_EQ(service_type_name(ServiceType::UdpService), "UDP SERVICE");
}

}  // namespace
}  // namespace cellemu::models::nm28
