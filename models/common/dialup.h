#pragma once

#include <memory>
#include <optional>
#include <string>

#include "emulator/at/command_context.h"
#include "net/ppp/dialup_call.h"

namespace cellemu::models {

class ModemBase;
struct PdpContext;

// A profile's PDN line with "{cid}" replaced ("+CGEV: NW PDN DEACT {cid}").
std::string pdn_line(const std::string& pattern, int cid);

// The module's dial-up data call (services.md §6): at most one, on the AT channel that dialled
// (the UART or a CMUX DLCI). Both models drive it from the common commands (ATD*99#,
// AT+CGDATA, ATO, ATH, AT+CGACT) and from the radio (detach, CFUN=0, PDN loss, reboot); the
// model contributes only the profile's knobs and URC wording.
class Dialup final : private net::ppp::DialupCall::Listener {
 public:
  explicit Dialup(ModemBase& modem);
  ~Dialup();
  Dialup(const Dialup&) = delete;
  Dialup& operator=(const Dialup&) = delete;

  // ATD*99[***<cid>]#, AT+CGDATA="PPP",<cid>: CONNECT, then the module's LCP
  // Configure-Request; NO CARRIER when the data call cannot be made; CME 3 while another call is
  // up (services.md §6.2).
  at::Outcome dial(at::CommandContext& ctx, int cid);
  // ATO in online command state: CONNECT and PPP continues; nullopt without a held call.
  std::optional<at::Outcome> resume(at::CommandContext& ctx);
  // ATH: the call is released without an LCP frame (LM +++.md).
  void hang_up();
  // The PDN under the call went away (`cid`, or any with 0): in data state an LCP
  // Terminate-Request, then NO CARRIER; in online command state NO CARRIER at once, as a URC.
  // `then` (may be empty) follows NO CARRIER (services.md §6.4, P-011, P-012).
  void pdn_lost(int cid, const std::string& then);
  // Module reboot: the call is gone and nothing is said.
  void reset();
  // The AT channel went away (a CMUX DLCI closed): a call on it ends as on a DTR drop with &D2,
  // without NO CARRIER (services.md §7.4).
  void channel_closed(const at::AtInterpreter& channel);
  // The host dropped DTR (services.md §6.4, AT&D `mode`): 2 releases the call with NO CARRIER,
  // 1 puts it in online command state with OK, 0 ignores it.
  void dtr_dropped(int mode);
  void on_output_drained();

  // The call, nullptr when there is none (ctl status, flow faults).
  net::ppp::DialupCall* call() { return call_.get(); }
  int cid() const { return call_ ? cid_ : 0; }
  // "data", "online command", or "" without a call.
  std::string state() const;

 private:
  void on_call_up(const net::ppp::PppLinkInfo& info) override;
  void on_call_ended(net::ppp::DownReason reason) override;
  net::ppp::DialupConfig config(const PdpContext& context) const;
  void release();

  ModemBase& modem_;
  at::AtInterpreter* channel_ = nullptr;  // the AT interpreter the call runs on
  std::unique_ptr<net::ppp::DialupCall> call_;
  int cid_ = 0;
};

}  // namespace cellemu::models
