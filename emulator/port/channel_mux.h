#pragma once

#include <memory>
#include <string>
#include <vector>

#include "emulator/core/byte_channel.h"

namespace cellemu::port {

// One modem's AT channel on several front ends at once (the pty and --listen's TCP port): what
// the modem writes goes to every front end, what any front end receives goes to the modem, as if
// two terminals were wired to the same UART. Meant for one host at a time; two typing together
// interleave their bytes, as on a real line.
//
// Backpressure follows the front end the host last talked on (the primary, initially the first):
// its unread output is queued_output(). A front end that is not primary and has more than
// kMirrorLimit unread bytes (a pty nobody has open) stops getting copies until it drains, so an
// unread pty can neither stall a TCP client nor grow memory.
//
// Pausing input stops the primary, the host being answered: a front end that has not spoken
// since keeps reading, so a client that comes along while an old one has stopped reading (and
// holds the modem paused) can still take over. Any front end that speaks while paused becomes
// primary and is paused after that one read, so input stays bounded however many there are.
class ChannelMux final : public core::ByteChannel {
 public:
  static constexpr std::size_t kMirrorLimit = 64 * 1024;

  explicit ChannelMux(std::vector<std::shared_ptr<core::ByteChannel>> members);

  void start(Listener& listener) override;
  void write(std::string_view bytes) override;
  std::size_t queued_output() const override;
  void pause_input() override;
  void resume_input() override;
  void close() override;
  // The members' descriptions separated by spaces: "/dev/pts/3 tcp://127.0.0.1:7000".
  std::string describe() const override;

  std::size_t primary() const { return primary_; }

 private:
  class Member final : public Listener {
   public:
    Member(ChannelMux& mux, std::size_t index) : mux_(mux), index_(index) {}
    void on_input(std::string_view bytes) override { mux_.on_member_input(index_, bytes); }
    void on_output_drained() override { mux_.on_member_drained(); }

   private:
    ChannelMux& mux_;
    std::size_t index_;
  };

  void on_member_input(std::size_t index, std::string_view bytes);
  void pause_member(std::size_t index);
  void on_member_drained();

  std::vector<std::shared_ptr<core::ByteChannel>> channels_;
  std::vector<std::unique_ptr<Member>> members_;
  std::vector<bool> paused_members_;
  Listener* listener_ = nullptr;
  std::size_t primary_ = 0;
  bool paused_ = false;
};

}  // namespace cellemu::port
