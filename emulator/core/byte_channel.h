#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cellemu::core {

// The serial line as the emulator sees it: bytes in from the host, bytes out to it. Writes never
// block; the channel queues them and reports how much is still queued so producers can apply
// backpressure instead of growing memory without bound.
class ByteChannel {
 public:
  class Listener {
   public:
    virtual void on_input(std::string_view bytes) = 0;
    // Queued output fell to or below low_water() after having been above it.
    virtual void on_output_drained() = 0;

   protected:
    ~Listener() = default;
  };

  virtual ~ByteChannel() = default;

  virtual void start(Listener& listener) = 0;
  virtual void write(std::string_view bytes) = 0;
  virtual std::size_t queued_output() const = 0;
  virtual void pause_input() = 0;
  virtual void resume_input() = 0;
  virtual void close() = 0;
  // Where a host finds this channel, e.g. "/dev/pts/7" or "127.0.0.1:7000".
  virtual std::string describe() const = 0;

  static constexpr std::size_t low_water() { return 16 * 1024; }
};

}  // namespace cellemu::core
