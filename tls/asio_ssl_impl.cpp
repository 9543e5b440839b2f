// The one compiled copy of Boost.Asio's SSL support (BOOST_ASIO_SEPARATE_COMPILATION).
#include <boost/asio/ssl/impl/src.hpp>
