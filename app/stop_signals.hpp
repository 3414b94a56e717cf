#pragma once

// How the long-running commands (serve, remind) stop: SIGTERM or SIGINT, taken by sigwait in one
// thread rather than by a handler.

#include <signal.h>

namespace torikumi::app {

// Blocks SIGTERM and SIGINT in the calling thread, so that every thread made after inherits the
// mask, and ignores SIGPIPE (a peer that hung up is an error value, not a death). Returns the set
// to sigwait on. REQUIRES: called before any other thread is made.
sigset_t block_stop_signals();

}  // namespace torikumi::app
