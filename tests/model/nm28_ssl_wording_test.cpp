// SSL sockets (Ssl_Enable=1) run the plain flows with S3 §3.2's words. TLS itself is supplied to
// the model by a provider; here a pass-through stream stands in for it, so these tests check the
// NM28 side only (the TLS cases N-021...N-025 need the real TLS stack).
#include "tests/model/nm28_transcript.h"

namespace cellemu::testing {
namespace {

class PassThroughStreams final : public tls::StreamFactory {
 public:
  std::unique_ptr<tls::Stream> wrap(boost::asio::ip::tcp::socket socket,
                                    const std::string&) const override {
    return std::make_unique<tls::PlainStream>(std::move(socket));
  }
};

constexpr const char* kWordingOpenSsl1 = "AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0,1\r";

TEST(Nm28SslWording, S3Section32FlowWords) {
  Nm28Transcript x;
  std::vector<int> contexts;
  auto streams = std::make_shared<PassThroughStreams>();
  x.model().set_tls_provider([&contexts, streams](int ctx, const std::string&, std::uint16_t) {
    contexts.push_back(ctx);
    return std::optional<net::OpenOptions>(net::OpenOptions{.tls = streams});
  });
  x.t.exchange(kWordingOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
  EXPECT_EQ(contexts, std::vector<int>{1});  // the SSL context with the socket's number
  ASSERT_TRUE(x.server.wait_connections(1));
  x.t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPSEND=1,10\r", "\r\nSSLNETWRITE: 1,10\r\n\r\nCONNECT\r\n");
  x.t.exchange("1234567890", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  x.server.send(0, "1234567890");
  x.t.expect("\r\n+SSLREAD: 1\r\n");
  x.t.exchange("AT+IPRD=1,10\r", "\r\n+SSLRECV: 1,10\r\n1234567890\r\nOK\r\n");
  x.t.exchange("AT+IPSWTMD=1,1\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPSENDEX=1,\"313233\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  x.server.send(0, "12345678901234");
  x.t.expect("\r\n+SSLURC: \"recv\",1,14\r\n12345678901234");
  x.t.exchange("AT+IPSTATE=1,1\r", "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,2,1\r\n\r\nOK\r\n");
  x.server.close(0);
  x.t.expect("\r\n+SSLURC: \"closed\",1\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 13));
  EXPECT_EQ(x.server.received(0), "1234567890123");
}

TEST(Nm28SslWording, WithoutTlsTheOpenFailsLikeAHandshake) {  // OQ-44 status 552
  Nm28Transcript x;
  x.model().set_tls_provider([](int, const std::string&, std::uint16_t) { return std::nullopt; });
  x.t.exchange(kWordingOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");
  x.t.exchange("AT+IPSTATE=1,1\r", "\r\n+IPSTATE: 1,TCP,,0,0,0,0\r\n\r\nOK\r\n");
}

TEST(Nm28SslWording, WithoutNetworkTheSslOpenFailsWith566) {  // [I] OQ-42
  Nm28Transcript x;
  x.model().set_registration(models::RegStatus::Searching);
  x.t.exchange(kWordingOpenSsl1, "\r\nOK\r\n");
  x.t.advance(std::chrono::seconds(1));
  x.t.expect("\r\n+SSLOPEN: 1,566\r\n");
}

}  // namespace
}  // namespace cellemu::testing
