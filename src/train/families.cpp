// The registry of model families: the one place that lists them.
#include <algorithm>
#include <cmath>

#include "train/digits/digits_run.h"
#include "train/family.h"
#include "train/plane/plane_run.h"
#include "train/transformer/transformer_run.h"
#include "train/words/words_run.h"

namespace train {

namespace {
FamilyConfig plane_config_for(std::string_view model) {
    PlaneConfig c;
    c.model = model_from_name(model).value_or(ModelKind::Mlp);
    return c;
}

FamilyConfig digits_config_for(std::string_view) { return DigitsConfig{}; }
FamilyConfig words_config_for(std::string_view) { return WordsConfig{}; }
FamilyConfig transformer_config_for(std::string_view) { return TransformerConfig{}; }

std::unique_ptr<Run> make_plane_run(const Config& c, int threads) { return std::make_unique<PlaneRun>(c, threads); }
std::unique_ptr<Run> make_digits_run(const Config& c, int threads) { return std::make_unique<DigitsRun>(c, threads); }
std::unique_ptr<Run> make_words_run(const Config& c, int threads) { return std::make_unique<WordsRun>(c, threads); }
std::unique_ptr<Run> make_transformer_run(const Config& c, int threads) {
    return std::make_unique<TransformerRun>(c, threads);
}

const std::vector<Family>& registry() {
    static const std::vector<Family> kFamilies = {
        {"plane",
         {"perceptron", "mlp", "landscape"},
         {"dataset", "points", "noise", "test_fraction", "residual", "start"},
         {"plane", "update", "network", "model", "data", "landscape"},
         kMaxPlaneHiddenWidth,
         0,
         plane_config_for,
         make_plane_run},
        {"digits",
         {"digits"},
         {"digits_dir"},
         {"digits", "confusion", "weights", "canvas", "digit_model", "digit_data"},
         kMaxDigitsHiddenWidth,
         1,
         digits_config_for,
         make_digits_run},
        {"words",
         {"words"},
         {"corpus", "max_vocab", "min_count", "dimensions", "window", "negatives", "query", "compare", "focus"},
         {"projection", "similarity", "embedding_table", "corpus"},
         1,  // no hidden layers
         2,
         words_config_for,
         make_words_run},
        {"transformer",
         {"transformer"},
         {"task", "symbols", "alphabet", "digits", "text", "context", "d_model", "heads", "layers", "positions",
          "tied", "weight_decay", "example", "example_seed", "query_token", "layer", "head", "stage", "prompt", "generate_tokens",
          "temperatures", "top_k", "top_p"},
         {"attention", "attention_steps", "heads", "positions", "token_map", "next_token", "generate", "induction",
          "text_data", "surprise", "temperature"},
         1,  // no hidden layers of its own choosing
         3,
         transformer_config_for,
         make_transformer_run},
    };
    return kFamilies;
}
}  // namespace

void Run::describe_divergence(const Snapshot& s, DivergenceFacts& f) const {
    // The scoreboard's figure: the loss of all training examples with the current weights.
    f.loss = std::isnan(s.train_loss) || s.train_loss >= 0 ? s.train_loss : s.loss;
    if (!s.history.loss.empty() && s.history.loss.step.front() == 0) f.start_loss = s.history.loss.value.front();
}

std::span<const Family> families() { return registry(); }

const Family& family_of(const Config& c) {
    for (const Family& f : registry())
        if (f.config_index == c.family.index()) return f;
    return registry().front();
}

const Family* family_of_model(std::string_view model) {
    for (const Family& f : registry())
        if (std::find(f.models.begin(), f.models.end(), model) != f.models.end()) return &f;
    return nullptr;
}

std::string all_model_names() {
    std::string out;
    for (const Family& f : registry())
        for (std::string_view m : f.models) {
            if (!out.empty()) out += ", ";
            out += m;
        }
    return out;
}

std::unique_ptr<Run> make_run(const Config& config, int threads) { return family_of(config).make_run(config, threads); }

void keep_hidden_in_limits(Config& c) {
    if (c.hidden.empty()) c.hidden = {1};
    if (int(c.hidden.size()) > kMaxHiddenLayers) c.hidden.resize(std::size_t(kMaxHiddenLayers));
    const int widest = family_of(c).max_hidden_width;
    for (int& w : c.hidden) w = std::clamp(w, 1, widest);
}

}  // namespace train
