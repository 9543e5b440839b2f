// NM28 service-type names (S3 §2.1), without I/O.
#include "models/nm28/service_type.h"

#include <gtest/gtest.h>

namespace cellemu::models::nm28 {
namespace {

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
