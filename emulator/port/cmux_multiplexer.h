#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "emulator/core/byte_channel.h"
#include "emulator/port/cmux_channel.h"
#include "emulator/port/cmux_decoder.h"

namespace cellemu::port {

struct CmuxConfig {
  std::size_t n1 = 127;  // information octets per frame the module sends (AT+CMUX N1)
  std::size_t max_info = kCmuxMaxInfo;  // the longest frame it accepts
  std::uint8_t max_dlci = 4;            // DLCI 1..max_dlci open; a SABM beyond gets DM
  // Input kept per paused DLCI before the physical line stops being read.
  std::size_t input_limit = 16 * 1024;
};

// The module's end of a 27.010 basic-option multiplexer on one serial line (services.md §7):
// DLCI 0 control (SABM/UA/DM/DISC, and the control messages MSC, Test, PSC, CLD, FCon/FCoff,
// PN, RPN, RLS; others get NSC) and DLCIs 1..4 as CmuxChannels. The session feeds it the line's
// input while the port is multiplexed; when the host leaves CMUX (CLD, or DISC on DLCI 0) the
// response is sent, every channel closes, on_input stops right after that frame and closed()
// is true: the rest of the input is plain AT again and the session may destroy the
// multiplexer once on_input returned.
class CmuxMultiplexer {
 public:
  class Listener {
   public:
    // The host opened a DLCI (SABM answered with UA): run an AT interpreter on `channel`.
    virtual void on_channel_opened(std::shared_ptr<CmuxChannel> channel) = 0;
    // The host closed it (DISC, or the whole multiplexer): a PPP call on it ends as on a DTR
    // drop with &D2. The channel no longer delivers or sends anything.
    virtual void on_channel_closed(std::uint8_t dlci) = 0;
    // The multiplexer is closed (CLD or DISC 0); see the class comment.
    virtual void on_mux_closed() = 0;

   protected:
    ~Listener() = default;
  };

  CmuxMultiplexer(core::ByteChannel& line, CmuxConfig config, Listener& listener);
  ~CmuxMultiplexer();
  CmuxMultiplexer(const CmuxMultiplexer&) = delete;
  CmuxMultiplexer& operator=(const CmuxMultiplexer&) = delete;

  // Bytes from the line; returns how many were used (fewer only when CMUX was left).
  std::size_t on_input(std::string_view bytes);
  // The line's output drained: send what the DLCIs queued.
  void on_output_drained();
  bool closed() const { return closed_; }
  std::shared_ptr<CmuxChannel> channel(std::uint8_t dlci) const;
  const CmuxDecoder::Counters& counters() const { return decoder_.counters(); }

 private:
  friend class CmuxChannel;
  void on_frame(const CmuxFrame& frame);
  void on_open(std::uint8_t dlci);
  void on_disc(std::uint8_t dlci);
  void on_control(const CmuxFrame& frame);
  void on_data(std::uint8_t dlci, std::string_view data);
  void reply(std::uint8_t dlci, CmuxType type);
  void send_control(const CmuxControl& message);
  void close_channel(std::uint8_t dlci);
  void close_all();
  // CmuxChannel
  void pump();
  std::size_t backlog(const CmuxChannel& channel) const;
  void input_backlog_changed();

  core::ByteChannel& line_;
  CmuxConfig config_;
  Listener& listener_;
  CmuxDecoder decoder_;
  std::array<std::shared_ptr<CmuxChannel>, 64> channels_;
  bool control_open_ = false;
  bool flow_off_ = false;
  bool closed_ = false;
  bool line_paused_ = false;
  std::size_t next_ = 1;  // round robin among DLCIs with output
  std::string scratch_;
};

}  // namespace cellemu::port
