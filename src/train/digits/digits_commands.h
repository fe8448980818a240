#pragma once
// Commands only the digit reader understands.
#include <string>

namespace train {

// Train on the IDX files of another folder (the full MNIST, say): the weights stay, the run
// starts over at step 0 on the new digits. A folder that cannot be read leaves the digits as they
// were and says why.
struct OpenDigits { std::string dir; };

}  // namespace train
