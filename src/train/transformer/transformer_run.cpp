#include "train/transformer/transformer_run.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <variant>

#include "nn/sampling.h"
#include "nn/transformer/generate.h"
#include "train/format.h"
#include "train/messages.h"

namespace train {

namespace {
using Clock = std::chrono::steady_clock;

// A loss this many times its starting value means the steps are throwing the weights away.
constexpr float kExplodeFactor = 10.f;
// Sequences per step when the preset says 0.
constexpr int kDefaultBatch = 16;
// Held-out sequences measured at an evaluation.
constexpr int kTestSequences = 64;
// Held-out sequences whose predictions' entropy is measured (a forward pass each).
// New text is generated at most this often while training: a class reads it, it must not flicker.
constexpr auto kGenerateEvery = std::chrono::seconds(2);

bool is_feed_forward_activation(nn::Activation a) { return a == nn::Activation::GELU || a == nn::Activation::ReLU; }

data::TaskOptions task_options(const TransformerConfig& t) {
    data::TaskOptions o;
    o.task = t.task;
    o.symbols = t.symbols;
    o.alphabet = t.alphabet;
    o.digits = t.digits;
    o.context = t.context;
    o.file = t.text_file;
    return o;
}

double entropy_bits_of_row(const nn::Matrix& logits, Eigen::Index row) {
    std::vector<double> p;
    nn::softmax_temperature(std::span<const float>(logits.row(row).data(), std::size_t(logits.cols())), 1.0, p);
    return nn::entropy_bits(p);
}
}  // namespace

// ---- Scores of the heads --------------------------------------------------------------------------

HeadScores score_heads(const nn::AttentionTrace& trace, const data::TextTaskData& data) {
    HeadScores s;
    const int count = trace.layers * trace.heads;
    const int n = trace.length;
    const std::vector<int> induction = data::induction_targets(trace.tokens);

    // Where, in the example, the weight a task needs should go: per query position, the key
    // positions (empty: the position is not measured).
    std::vector<std::vector<int>> task_keys(static_cast<std::size_t>(n));
    const data::TextTask task = data.options().task;
    const auto eq = data.tokens().find("=");
    const auto plus = data.tokens().find("+");
    const auto dot = data.tokens().find(".");
    const auto at = [&](std::optional<int> token) {
        if (!token) return -1;
        const auto it = std::find(trace.tokens.begin(), trace.tokens.end(), *token);
        return it == trace.tokens.end() ? -1 : int(it - trace.tokens.begin());
    };
    if (task == data::TextTask::Copy || task == data::TextTask::Reverse) {
        // Letters s_0..s_{m-1}, '=' at m, the answer after it: position t predicts the letter at
        // t + 1, which is s_{t-m} (copy) or s_{2m-1-t} (reverse).
        const int m = at(eq);
        if (m > 0)
            for (int t = m; t < std::min(n - 1, 2 * m); ++t)
                task_keys[std::size_t(t)] = {task == data::TextTask::Copy ? t - m : 2 * m - 1 - t};
    } else if (task == data::TextTask::Addition) {
        const int p = at(plus), e = at(eq);
        if (p > 0 && e > p) {
            std::vector<int> operands;
            for (int j = 0; j < e; ++j)
                if (j != p) operands.push_back(j);
            // The positions that predict the sum's digits: from '=' to the one before the final '.'.
            for (int t = e; t < n - 1; ++t) {
                task_keys[std::size_t(t)] = operands;
                if (dot && trace.tokens[std::size_t(t + 1)] == *dot) break;
            }
        }
    }
    bool has_task = false;
    for (const auto& k : task_keys) has_task = has_task || !k.empty();

    s.induction.assign(std::size_t(count), 0.f);
    s.previous.assign(std::size_t(count), 0.f);
    if (has_task) s.task.assign(std::size_t(count), 0.f);
    for (int i = 0; i < count; ++i) {
        const nn::Matrix& w = trace.weights[std::size_t(i)];
        double ind = 0, prev = 0, tsk = 0;
        int n_ind = 0, n_prev = 0, n_task = 0;
        for (int t = 0; t < n; ++t) {
            if (induction[std::size_t(t)] >= 0) {
                ind += w(t, induction[std::size_t(t)]);
                ++n_ind;
            }
            if (t > 0) {
                prev += w(t, t - 1);
                ++n_prev;
            }
            if (!task_keys[std::size_t(t)].empty()) {
                double sum = 0;
                for (int k : task_keys[std::size_t(t)]) sum += w(t, k);
                tsk += sum;
                ++n_task;
            }
        }
        s.induction[std::size_t(i)] = n_ind ? float(ind / n_ind) : 0.f;
        s.previous[std::size_t(i)] = n_prev ? float(prev / n_prev) : 0.f;
        if (has_task) s.task[std::size_t(i)] = n_task ? float(tsk / n_task) : 0.f;
    }
    return s;
}

float best_induction_score(const nn::AttentionTrace& trace, const std::vector<float>& induction) {
    float best = 0;
    for (int l = 1; l < trace.layers; ++l)
        for (int h = 0; h < trace.heads; ++h) best = std::max(best, induction[std::size_t(l * trace.heads + h)]);
    return best;
}

// ---- The run --------------------------------------------------------------------------------------

TransformerRun::TransformerRun(const Config& config, int threads) : config_(config), threads_(std::max(1, threads)) {
    if (!config_.transformer()) config_.family = TransformerConfig{};
    TransformerConfig& t = tf_();
    t.layers = std::clamp(t.layers, nn::kMinTransformerLayers, nn::kMaxTransformerLayers);
    t.heads = std::clamp(t.heads, nn::kMinTransformerHeads, nn::kMaxTransformerHeads);
    t.d_model = std::clamp(t.d_model, nn::kMinTransformerDModel, nn::kMaxTransformerDModel);
    t.d_model = std::max(t.heads, t.d_model / t.heads * t.heads);
    t.context = std::clamp(t.context, nn::kMinTransformerContext, nn::kMaxTransformerContext);
    t.generate_tokens = std::clamp(t.generate_tokens, 1, kMaxGeneratedTokens);
    if (t.temperatures.empty()) t.temperatures = {1.0f};
    if (!is_feed_forward_activation(config_.activation)) config_.activation = nn::Activation::GELU;
    config_.batch_size = std::max(0, config_.batch_size);
    trainer_ = nn::TransformerTrainer(nn::AdamWSettings{config_.learning_rate, 0.9f, 0.98f, 1e-8f, t.weight_decay, 1.0f},
                                      threads_);
    open_data(task_options(t));
    reset();
}

void TransformerRun::open_data(const data::TaskOptions& options) {
    std::string error;
    std::shared_ptr<const data::TextTaskData> loaded = data::TextTaskData::make(options, &error);
    if (!loaded) {
        if (!data_) load_error_ = error;
        data_message_ = error;
        data_failed_ = true;
        return;
    }
    TransformerConfig& t = tf_();
    t.task = options.task;
    t.text_file = options.file.string();
    data_ = std::move(loaded);
    load_error_.clear();
    data_message_ = options.task == data::TextTask::Text ? "Opened " + data_->summary() : std::string();
    data_failed_ = false;
}

std::string TransformerRun::cannot_train() const {
    if (data_) return {};
    return "There is no text to learn from: " + load_error_ + ". Open another file, or choose a task.";
}

nn::TransformerShape TransformerRun::shape() const {
    const TransformerConfig& t = tf_();
    nn::TransformerShape s;
    s.vocab = data_ ? std::max(2, data_->tokens().size()) : 2;
    s.context = std::clamp(std::max(t.context, data_ ? data_->length() : 0), nn::kMinTransformerContext,
                           nn::kMaxTransformerContext);
    s.d_model = t.d_model;
    s.heads = t.heads;
    s.layers = t.layers;
    s.positions = t.positions;
    s.tied = t.tied;
    s.activation = config_.activation;
    return s;
}

bool TransformerRun::shown(std::string_view panel) const {
    return std::find(config_.panels.begin(), config_.panels.end(), panel) != config_.panels.end();
}

int TransformerRun::batch_sequences() const { return config_.batch_size > 0 ? config_.batch_size : kDefaultBatch; }

void TransformerRun::reset(std::optional<std::uint64_t> seed) {
    if (seed) config_.seed = *seed;
    model_ = nn::Transformer(shape(), config_.seed);
    trainer_.reset();
    ++weights_version_;
    projection_.clear();
    start_run();
}

void TransformerRun::start_run() {
    steps_ = 0;
    first_loss_ = -1;
    divergence_.clear();
    history_.clear();
    grad_history_.clear();
    induction_history_.clear();
    repeat_history_.clear();
    entropy_history_.clear();
    evaluated_at_ = ~0ull;
    generated_.clear();
    generated_version_ = ~0ull;

    const TransformerConfig& t = tf_();
    example_tokens_.clear();
    prompt_tokens_.clear();
    example_message_.clear();
    prompt_message_.clear();
    if (!data_) return;
    data_->fill_test_batch(config_.seed, kTestSequences, test_batch_);
    data_->fill_batch(config_.seed, 0, kTestSequences, train_sample_);
    // The repeat task's predictable positions: those whose token occurred before in the sequence.
    repeat_targets_.clear();
    if (t.task == data::TextTask::Repeat) {
        repeat_targets_ = test_batch_.targets;
        for (int b = 0; b < test_batch_.batch; ++b) {
            const std::span<const int> row(test_batch_.tokens.data() + std::size_t(b * test_batch_.length),
                                           std::size_t(test_batch_.length));
            // Position i predicts token i + 1: predictable when that token has an earlier occurrence.
            const std::vector<int> after = data::induction_targets(row);
            for (int i = 0; i + 1 < test_batch_.length; ++i)
                if (after[std::size_t(i + 1)] < 0) repeat_targets_[std::size_t(b * test_batch_.length + i)] = -1;
        }
    }
    FamilyCommand example = SetExample{t.example};
    apply(example);
    FamilyCommand prompt = SetPrompt{t.prompt};
    apply(prompt);
    evaluate_now();
    loss_ = test_loss_;
    accuracy_ = std::max(0.f, test_accuracy_);
    history_.loss.add(0, loss_);
}

void TransformerRun::set_learning_rate(float learning_rate) {
    config_.learning_rate = learning_rate;
    trainer_.set_learning_rate(learning_rate);
}

void TransformerRun::set_activation(nn::Activation activation) {
    if (!is_feed_forward_activation(activation)) return;
    config_.activation = activation;
    model_.set_activation(activation);
    ++weights_version_;
}

void TransformerRun::set_batch_size(int batch_size) { config_.batch_size = std::max(0, batch_size); }

void TransformerRun::apply(FamilyCommand& command) {
    TransformerConfig& t = tf_();
    if (auto* c = std::get_if<OpenText>(&command)) {
        data::TaskOptions o = task_options(t);
        o.task = data::TextTask::Text;
        o.file = c->file;
        const std::shared_ptr<const data::TextTaskData> before = data_;
        open_data(o);
        if (data_ != before) {
            t.example.clear();
            t.prompt.clear();
            reset();  // another vocabulary: another model
        }
    } else if (auto* c = std::get_if<SetExample>(&command)) {
        if (!data_) return;
        if (c->text.empty()) {
            if (c->example_seed >= 0) t.example_seed = c->example_seed;
            example_tokens_ = data_->example(std::uint64_t(t.example_seed)).tokens;
            example_message_.clear();
            t.example.clear();
        } else {
            std::string error;
            std::optional<std::vector<int>> tokens = data_->tokens().encode(c->text, &error);
            if (!tokens || tokens->empty()) {
                example_message_ = tokens ? "The example is empty." : error;
                return;
            }
            const std::size_t context = std::size_t(model_.shape().context);
            if (tokens->size() > context) tokens->erase(tokens->begin(), tokens->end() - std::ptrdiff_t(context));
            example_tokens_ = std::move(*tokens);
            example_message_.clear();
            t.example = c->text;
        }
        if (t.query >= int(example_tokens_.size())) t.query = -1;
        traced_version_ = ~0ull;
    } else if (auto* c = std::get_if<ChooseHead>(&command)) {
        t.layer = std::clamp(c->layer, 0, t.layers - 1);
        t.head = std::clamp(c->head, 0, t.heads - 1);
        t.query = std::clamp(c->query, -1, std::max(-1, int(example_tokens_.size()) - 1));
    } else if (auto* c = std::get_if<SetPrompt>(&command)) {
        if (!data_) return;
        const std::string text = c->text.empty() ? data_->default_prompt() : c->text;
        std::string error;
        std::optional<std::vector<int>> tokens = data_->tokens().encode(text, &error);
        if (!tokens || tokens->empty()) {
            prompt_message_ = tokens ? "The prompt is empty." : error;
            return;
        }
        prompt_tokens_ = std::move(*tokens);
        prompt_message_.clear();
        t.prompt = c->text;
        generated_version_ = ~0ull;
        generated_when_ = {};
    } else if (auto* c = std::get_if<SetSampling>(&command)) {
        if (!c->temperatures.empty()) t.temperatures = c->temperatures;
        for (float& temp : t.temperatures) temp = std::clamp(temp, 0.01f, 100.f);
        t.top_k = std::max(0, c->top_k);
        t.top_p = std::clamp(c->top_p, 0.01f, 1.f);
        generated_version_ = ~0ull;
        generated_when_ = {};
    }
}

// ---- Steps ----------------------------------------------------------------------------------------

void TransformerRun::step() {
    if (!divergence_.empty() || !data_) return;
    const int b = batch_sequences();
    data_->fill_batch(config_.seed, steps_, b, batch_);
    const nn::TransformerStepResult r = trainer_.step(model_, batch_.tokens, batch_.targets, batch_.batch, batch_.length);
    ++steps_;
    ++weights_version_;
    loss_ = r.loss;
    accuracy_ = r.scored ? float(r.correct) / float(r.scored) : 0.f;
    history_.loss.add(steps_, loss_);
    history_.accuracy.add(steps_, accuracy_);
    grad_history_.add(steps_, trainer_.grad_norms());
    check_divergence();
}

void TransformerRun::check_divergence() {
    if (!std::isfinite(loss_) || !model_.parameters().allFinite()) {
        if (std::isfinite(loss_)) loss_ = std::numeric_limits<float>::quiet_NaN();
        divergence_ = "The weights became NaN or infinite at step " + std::to_string(steps_) + ": the learning rate " +
                      format_learning_rate(config_.learning_rate) + " is too large. Lower it and press Reset.";
        return;
    }
    if (first_loss_ < 0) first_loss_ = loss_;
    if (loss_ > kExplodeFactor * std::max(first_loss_, 0.01f))
        divergence_ = exploded_loss_reason(loss_, first_loss_, config_.learning_rate);
}

// ---- Measuring ------------------------------------------------------------------------------------

void TransformerRun::evaluate() {
    if (!data_ || evaluated_at_ == steps_) return;
    // A tenth of the trainer's time at most, as the digit reader does.
    if (Clock::now() - evaluated_when_ < 10 * evaluation_cost_) return;
    evaluate_now();
}

nn::AttentionTrace TransformerRun::trace_example() const {
    nn::AttentionTrace trace;
    if (!example_tokens_.empty()) model_.trace(example_tokens_, trace);
    return trace;
}

void TransformerRun::evaluate_now() {
    if (!data_ || evaluated_at_ == steps_) return;
    const auto start = Clock::now();
    const nn::TransformerStepResult r =
        trainer_.evaluate(model_, test_batch_.tokens, test_batch_.targets, test_batch_.batch, test_batch_.length);
    test_loss_ = r.loss;
    test_accuracy_ = r.scored ? float(r.correct) / float(r.scored) : -1.f;
    const nn::TransformerStepResult tr = trainer_.evaluate(model_, train_sample_.tokens, train_sample_.targets,
                                                           train_sample_.batch, train_sample_.length);
    train_loss_ = tr.loss;
    train_accuracy_ = tr.scored ? float(tr.correct) / float(tr.scored) : -1.f;
    if (train_accuracy_ >= 0) history_.train_accuracy.add(steps_, train_accuracy_);
    history_.test_loss.add(steps_, test_loss_);
    if (test_accuracy_ >= 0) history_.test_accuracy.add(steps_, test_accuracy_);
    if (!repeat_targets_.empty()) {
        repeat_loss_ = trainer_.evaluate(model_, test_batch_.tokens, repeat_targets_, test_batch_.batch,
                                         test_batch_.length).loss;
        repeat_history_.add(steps_, repeat_loss_);
    }
    // How unsure the model is, on average: the entropy of its predictions at the scored positions.
    double entropy = 0;
    int counted = 0;
    nn::Matrix logits;
    for (int b = 0; b < test_batch_.batch; ++b) {  // the tokens the test loss is measured on
        const std::size_t at = std::size_t(b * test_batch_.length);
        model_.logits(std::span<const int>(test_batch_.tokens.data() + at, std::size_t(test_batch_.length)), logits);
        for (int i = 0; i < test_batch_.length; ++i)
            if (test_batch_.targets[at + std::size_t(i)] >= 0) {
                entropy += entropy_bits_of_row(logits, i);
                ++counted;
            }
    }
    if (counted) entropy_history_.add(steps_, float(entropy / counted));
    if (model_.shape().layers > 1 && !example_tokens_.empty()) {
        const nn::AttentionTrace trace = trace_example();
        const HeadScores scores = score_heads(trace, *data_);
        induction_history_.add(steps_, best_induction_score(trace, scores.induction));
    }
    evaluated_at_ = steps_;
    evaluated_when_ = Clock::now();
    evaluation_cost_ = evaluated_when_ - start;
}

void TransformerRun::fill_snapshot(Snapshot& s) const {
    s.step = steps_;
    s.config = config_;
    s.parameter_count = model_.parameter_count();
    s.loss = loss_;
    s.accuracy = accuracy_;
    s.train_loss = train_loss_;
    s.train_accuracy = train_accuracy_;
    s.test_loss = test_loss_;
    s.test_accuracy = test_accuracy_;
    s.history = history_;
    s.grad_norms = trainer_.grad_norms();
    s.weight_norms = trainer_.weight_norms();
    s.grad_norm_history = grad_history_;

    auto view = std::make_shared<TransformerView>();
    view->data = data_;
    view->shape = model_.shape();
    view->length = data_ ? data_->length() : 0;
    view->example_message = example_message_;
    view->induction_history = induction_history_;
    view->repeat_loss = repeat_history_;
    view->prediction_entropy = entropy_history_;
    view->data_message = data_message_;
    view->data_failed = data_failed_;
    view->prompt = prompt_tokens_.empty() || !data_ ? tf_().prompt : data_->tokens().decode(prompt_tokens_);
    view->prompt_message = prompt_message_;
    if (!data_) {
        s.family = std::move(view);
        return;
    }

    if (shown("attention") || shown("attention_steps") || shown("heads") || shown("induction")) {
        if (traced_version_ != weights_version_ && !example_tokens_.empty()) {
            auto trace = std::make_shared<nn::AttentionTrace>();
            model_.trace(example_tokens_, *trace);
            scores_ = score_heads(*trace, *data_);
            trace_ = std::move(trace);
            traced_version_ = weights_version_;
        }
        view->trace = trace_;
        view->induction_score = scores_.induction;
        view->previous_score = scores_.previous;
        view->task_score = scores_.task;
        const data::TextTask task = tf_().task;
        if (!scores_.task.empty())
            view->task_score_name = task == data::TextTask::Addition ? "weight on the two numbers"
                                                                     : "weight on the letter copied";
    }
    if (shown("token_map") && mapped_version_ != weights_version_) {
        const Eigen::Map<const nn::Matrix> table = model_.token_embedding();
        const Eigen::MatrixX2d& p = projection_.update(nn::RowTable(table));
        x_.resize(std::size_t(p.rows()));
        y_.resize(std::size_t(p.rows()));
        for (Eigen::Index i = 0; i < p.rows(); ++i) {
            x_[std::size_t(i)] = float(p(i, 0));
            y_[std::size_t(i)] = float(p(i, 1));
        }
        mapped_version_ = weights_version_;
    }
    if (shown("token_map")) {
        view->x = x_;
        view->y = y_;
        view->explained = projection_.explained();
    }
    if (shown("positions")) {
        if (!positions_ || positions_->rows() != model_.shape().context || tf_().positions == nn::PositionKind::Learned)
            positions_ = std::make_shared<const nn::Matrix>(model_.position_table(model_.shape().context));
        view->positions = positions_;
    }
    if ((shown("next_token") || shown("generate")) && !prompt_tokens_.empty()) {
        view->next_logits = nn::next_token_logits(model_, prompt_tokens_);
    }
    // New text every few seconds, so that it can be read; at once when it was written in the
    // first half of the training so far (a jump of many steps, as the warm-up or "max" speed make).
    if (shown("generate") && !prompt_tokens_.empty() && generated_version_ != weights_version_ &&
        (Clock::now() - generated_when_ >= kGenerateEvery || steps_ > 2 * generated_step_ + 50)) {
        const TransformerConfig& t = tf_();
        generated_.clear();
        for (float temperature : t.temperatures) {
            const nn::SamplingSettings sampling{temperature, t.top_k, t.top_p};
            const std::vector<int> tokens =
                nn::generate(model_, prompt_tokens_, t.generate_tokens, sampling, config_.seed * 7919 + steps_);
            generated_.push_back({temperature, data_->tokens().decode(tokens)});
        }
        generated_step_ = steps_;
        generated_version_ = weights_version_;
        generated_when_ = Clock::now();
    }
    view->generated = generated_;
    view->generated_at_step = generated_step_;
    s.family = std::move(view);
}

}  // namespace train
