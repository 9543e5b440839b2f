#pragma once

#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "net/destination_filter.h"
#include "net/link.h"

namespace cellemu::net {

// A UDP socket of the module: a client "connected" to one peer (datagrams from elsewhere are
// ignored by the kernel; the peer passed --allow/--deny when the link opened), or a service
// bound to a local port that hears every sender the filter permits and replies to the last one
// unless told otherwise. A service drops, counts and logs datagrams from forbidden senders and
// refuses to send to a forbidden destination.
class UdpLink final : public Link {
 public:
  static std::shared_ptr<UdpLink> create(boost::asio::io_context& io, LinkContext context,
                                         LinkSpec spec);

  // Client: binds (local port if any) and connects to the first endpoint; UDP needs no
  // handshake, so the link is connected at once (LS:IqKabr).
  void connect(const std::vector<boost::asio::ip::udp::endpoint>& endpoints,
               std::string virtual_ip);
  // Service: binds address:local_port and listens for any sender `filter` (which must outlive
  // the link) permits.
  std::optional<NetError> bind_service(const std::string& address, const DestinationFilter& filter);
  void fail_connect(NetError error) { report_connect_failed(error); }
  void close(bool abort = false) override;
  // Datagrams dropped (from or to a peer the filter forbids).
  std::uint64_t refused() const { return refused_; }

 private:
  UdpLink(boost::asio::io_context& io, LinkContext context, LinkSpec spec);
  bool transmit(std::string data) override;
  bool transmit_to(std::string data, const std::string& ip, std::uint16_t port) override;
  bool can_send() const override;
  void fail(NetError reason) override;
  void start_reading() override;
  void on_read(const boost::system::error_code& ec, std::size_t n);
  void do_write();
  bool admit(const boost::asio::ip::address& peer, std::uint16_t port, const char* direction);

  struct Datagram {
    std::string data;
    std::optional<boost::asio::ip::udp::endpoint> to;
  };
  boost::asio::ip::udp::socket socket_;
  bool service_ = false;
  std::vector<char> read_buf_;
  bool reading_ = false;
  boost::asio::ip::udp::endpoint sender_;
  std::optional<boost::asio::ip::udp::endpoint> last_sender_;
  std::deque<Datagram> out_;
  bool writing_ = false;
  const DestinationFilter* filter_ = nullptr;
  std::uint64_t refused_ = 0;
};

}  // namespace cellemu::net
