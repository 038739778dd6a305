// `vanban serve …` inside the vanban command: runs the vanban-serve program
// installed beside it (see main.cpp there for why it is a program of its own).
#pragma once

namespace vb::serve {

// argv as vanban's: argv[1] is "serve". Returns only on failure (exit 3).
int launch(int argc, char **argv);

} // namespace vb::serve
