#include "emulator/port/cmux_multiplexer.h"

namespace cellemu::port {

CmuxMultiplexer::CmuxMultiplexer(core::ByteChannel& line, CmuxConfig config, Listener& listener)
    : line_(line), config_(config), listener_(listener), decoder_(config.max_info) {
  config_.max_dlci = std::min<std::uint8_t>(config_.max_dlci, 63);
}

CmuxMultiplexer::~CmuxMultiplexer() {
  for (auto& channel : channels_) {
    if (channel) channel->detach();
  }
  if (line_paused_) line_.resume_input();
}

std::size_t CmuxMultiplexer::on_input(std::string_view bytes) {
  if (closed_) return 0;
  return decoder_.feed(
      bytes, [this](const CmuxFrame& frame) { on_frame(frame); }, [this] { return closed_; });
}

void CmuxMultiplexer::on_frame(const CmuxFrame& frame) {
  if (closed_) return;
  switch (frame.type) {
    case CmuxType::Sabm:
      return on_open(frame.dlci);
    case CmuxType::Disc:
      return on_disc(frame.dlci);
    case CmuxType::Uih:
    case CmuxType::Ui:
      if (frame.dlci == 0) return on_control(frame);
      return on_data(frame.dlci, frame.info);
    default:
      return;  // UA/DM answer commands the module never sends
  }
}

void CmuxMultiplexer::on_open(std::uint8_t dlci) {
  if (dlci == 0) {
    control_open_ = true;
    return reply(0, CmuxType::Ua);
  }
  if (dlci > config_.max_dlci) return reply(dlci, CmuxType::Dm);
  reply(dlci, CmuxType::Ua);
  if (channels_[dlci]) return;  // already open: the UA is repeated
  auto channel = std::make_shared<CmuxChannel>(*this, dlci);
  channel->description_ = line_.describe() + " DLCI " + std::to_string(dlci);
  channels_[dlci] = channel;
  listener_.on_channel_opened(std::move(channel));
}

void CmuxMultiplexer::on_disc(std::uint8_t dlci) {
  if (dlci == 0) {
    reply(0, CmuxType::Ua);
    close_all();
    closed_ = true;
    return listener_.on_mux_closed();
  }
  if (dlci >= channels_.size() || !channels_[dlci]) return reply(dlci, CmuxType::Dm);
  reply(dlci, CmuxType::Ua);
  close_channel(dlci);
}

void CmuxMultiplexer::on_data(std::uint8_t dlci, std::string_view data) {
  // Data on a DLCI that was never opened is ignored (services.md §7.4).
  if (dlci < channels_.size() && channels_[dlci]) channels_[dlci]->receive(data);
}

void CmuxMultiplexer::on_control(const CmuxFrame& frame) {
  CmuxControl message;
  if (!CmuxControl::parse(frame.info, message) || !message.command) return;
  CmuxControl response{message.type, false, message.value};
  switch (message.type) {
    case kCmuxCld:
      response.value.clear();
      send_control(response);
      close_all();
      closed_ = true;
      return listener_.on_mux_closed();
    case kCmuxFcOff:
      flow_off_ = true;
      return send_control(response);
    case kCmuxFcOn:
      flow_off_ = false;
      send_control(response);
      return pump();
    case kCmuxMsc:   // same values back; the module sends no MSC of its own
    case kCmuxTest:  // echoed
    case kCmuxPsc:
    case kCmuxPn:
    case kCmuxRpn:
    case kCmuxRls:
      return send_control(response);
    default:  // Non Supported Command, carrying the type octet received
      return send_control(CmuxControl{kCmuxNsc, false, frame.info.substr(0, 1)});
  }
}

void CmuxMultiplexer::reply(std::uint8_t dlci, CmuxType type) {
  scratch_.clear();
  encode_cmux(CmuxFrame{dlci, true, type, true, {}}, scratch_);
  line_.write(scratch_);
}

void CmuxMultiplexer::send_control(const CmuxControl& message) {
  scratch_.clear();
  encode_cmux(CmuxFrame{0, true, CmuxType::Uih, false, message.encode()}, scratch_);
  line_.write(scratch_);
}

void CmuxMultiplexer::close_channel(std::uint8_t dlci) {
  std::shared_ptr<CmuxChannel> channel = std::move(channels_[dlci]);
  channel->detach();
  listener_.on_channel_closed(dlci);
  input_backlog_changed();
}

void CmuxMultiplexer::close_all() {
  for (std::size_t dlci = 1; dlci < channels_.size(); ++dlci) {
    if (channels_[dlci]) close_channel(static_cast<std::uint8_t>(dlci));
  }
}

std::shared_ptr<CmuxChannel> CmuxMultiplexer::channel(std::uint8_t dlci) const {
  return dlci < channels_.size() ? channels_[dlci] : nullptr;
}

// Frames what the DLCIs queued, N1 octets at a time, round robin, while the line takes it.
void CmuxMultiplexer::pump() {
  if (closed_ || flow_off_) return;
  std::string batch;
  while (line_.queued_output() + batch.size() < core::ByteChannel::low_water()) {
    CmuxChannel* next = nullptr;
    for (std::size_t i = 0; i < channels_.size() && !next; ++i) {
      const std::size_t dlci = (next_ + i) % channels_.size();
      if (channels_[dlci] && channels_[dlci]->pending_out() > 0) next = channels_[dlci].get();
    }
    if (!next) break;
    next_ = next->dlci_ + 1u;
    encode_cmux(CmuxFrame{next->dlci_, false, CmuxType::Uih, false, next->take_out(config_.n1)},
                batch);
  }
  if (!batch.empty()) line_.write(batch);
}

void CmuxMultiplexer::on_output_drained() {
  pump();
  for (auto& channel : channels_) {
    if (channel) channel->drained();
  }
}

std::size_t CmuxMultiplexer::backlog(const CmuxChannel& channel) const {
  return channel.pending_out() + line_.queued_output();
}

void CmuxMultiplexer::input_backlog_changed() {
  bool over = false;
  for (const auto& channel : channels_) {
    if (channel && channel->in_.size() > config_.input_limit) over = true;
  }
  if (over && !line_paused_) {
    line_paused_ = true;
    line_.pause_input();
  } else if (!over && line_paused_) {
    line_paused_ = false;
    line_.resume_input();
  }
}

}  // namespace cellemu::port
