//! Every sentence a person reads, in English and Chinese, in one table.
//!
//! The page fills its labels from [`strings`]; messages built in Rust (input errors, stop reasons)
//! use [`tr`]. A `{name}` in a text is a slot the caller fills. The Chinese follows the article's
//! terms: 损失函数, 交叉熵, 正则化惩罚, 梯度下降, 学习率, 过拟合, 泛化能力, 反向传播.

/// A language of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Chinese (simplified).
    Zh,
}

impl Lang {
    /// The language for a code such as "zh", "zh-CN" or "en-GB"; English for anything else.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The BCP 47 code: "en" or "zh".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// (key, English, Chinese).
pub const TEXTS: &[(&str, &str, &str)] = &[
    (
        "doc.title",
        "losslab — loss, penalty and gradient descent, live",
        "losslab — 损失函数、正则化惩罚与梯度下降，现场演示",
    ),
    (
        "page.title",
        "How a neural network learns: loss, penalty and gradient descent",
        "神经网络如何学习：损失函数、正则化惩罚和梯度下降",
    ),
    (
        "page.lede",
        "A small neural network learns right here in your browser. Three ideas make it learn: the loss function that scores its answers, the penalty that keeps it simple, and gradient descent that improves it step by step. Press play and watch.",
        "一个小小的神经网络就在你的浏览器里学习。让它学会的是三个概念：给答案打分的损失函数，让模型保持简单的正则化惩罚，以及一步步改进模型的梯度下降。按下播放，看它学习。",
    ),
    ("lang.switch", "中文", "English"),
    (
        "lang.switch.label",
        "中文 (switch the page to Chinese)",
        "English（切换为英文页面）",
    ),
    (
        "train.heading",
        "1 · Train: watch the classifier learn",
        "1 · 训练：看分类器学习",
    ),
    (
        "train.intro",
        "Each point is an animal described by two features: how pointy its ears are and how large its body is. Cats are labelled 0, dogs 1, sheep 2. The network gives each point three scores, one per class; softmax turns them into probabilities. The background shows, at every place in the plane, the class the network would choose there — the stronger the colour, the surer it is.",
        "每个点是一只动物，用两个特征描述：耳朵有多尖，身体有多大。猫的标签是 0，狗是 1，羊是 2。网络为每个点给出三个得分，每类一个；softmax 把它们变成概率。背景显示平面上每个位置网络会选的类别——颜色越深，它越有把握。",
    ),
    (
        "train.how",
        "Every step computes the loss on a batch of training points, backpropagation gives its gradient ∇L, and the weights move against it: w ← w − η∇L. Filled points are for training; hollow ones are held out as a test of how well the network generalizes.",
        "每一步先在一批训练点上计算损失，反向传播求出梯度 ∇L，再让权重沿梯度的反方向移动：w ← w − η∇L。实心点用于训练；空心点留作测试，检验网络的泛化能力。",
    ),
    ("network.heading", "Inside the network.", "网络内部。"),
    (
        "network.caption",
        "Left to right: the two inputs, each hidden neuron, each class. Each square is that neuron's output over the whole plane (brown positive, purple negative; for a class, its probability); each line is a weight, thicker the larger |w|, brown positive, purple negative, dashed grey exactly 0.",
        "从左到右：两个输入、每个隐藏神经元、每个类别。每个小方块是该神经元在整个平面上的输出（棕色为正，紫色为负；类别则为其概率）；每条线是一个权重，|w| 越大线越粗，棕色为正，紫色为负，灰色虚线恰好为 0。",
    ),
    (
        "network.label",
        "The network: every neuron's output over the plane, and every weight",
        "网络：每个神经元在平面上的输出，以及每个权重",
    ),
    (
        "network.summary",
        "The network: 2 inputs, hidden layers {hidden}, 3 classes; {weights} weights, {zeros} of them exactly 0.",
        "网络：2 个输入，隐藏层 {hidden}，3 个类别；共 {weights} 个权重，其中 {zeros} 个恰好为 0。",
    ),
    (
        "network.hint",
        "Click a line to choose its weight (or choose one in the list below): its numbers, its next update and its backpropagation appear under the diagram.",
        "点击一条线选择它的权重（或在下面的列表中选择）：图下会显示它的数值、下一步更新以及反向传播的过程。",
    ),
    ("timeline.label", "Timeline:", "时间线："),
    (
        "timeline.at",
        "iteration {n} of {last}",
        "第 {n} 次迭代，共 {last} 次",
    ),
    (
        "timeline.scrubbed",
        "Showing iteration {n}: the map, the diagram, the numbers and the matrix are as they were then. Play or step to train on from here (what came after is dropped).",
        "正在显示第 {n} 次迭代：图、网络、数值和混淆矩阵都是当时的样子。播放或单步即可从这里继续训练（之后的部分会被丢弃）。",
    ),
    ("timeline.resume", "Train on from here", "从这里继续训练"),
    ("timeline.latest", "Back to the latest", "回到最新"),
    (
        "timeline.good",
        "Go back to the last good iteration",
        "回到最后一次正常的迭代",
    ),
    (
        "note.bouncing",
        "η is too large: the loss bounces up and down instead of falling. Try a smaller learning rate.",
        "η 太大了：损失上下跳动，而不是下降。试试更小的学习率。",
    ),
    (
        "note.bouncing-short",
        "η too large: the loss bounces",
        "η 太大：损失上下跳动",
    ),
    (
        "fault.message",
        "Something went wrong inside losslab, and the page has stopped. Reload it to start again from the same scene. If it happens again, please report it with this address:",
        "losslab 内部出错，页面已停止运行。重新加载即可从同一场景重新开始。如果再次发生，请附上这个地址报告问题：",
    ),
    ("fault.reload", "Reload", "重新加载"),
    ("weight.label", "Weight", "权重"),
    (
        "weight.penalty-l2",
        "{term} = {v}, added to the gradient",
        "{term} = {v}，加到梯度上",
    ),
    (
        "weight.penalty-l1",
        "L1: λα = {v}, applied as the shrink below",
        "L1：λα = {v}，通过下面的收缩步骤施加",
    ),
    ("weight.set", "Set its value by hand", "手动设置它的值"),
    ("weight.set-button", "Set", "设置"),
    (
        "weight.set-bad",
        "“{raw}” is not a number from −100 to 100; the weight stays {value}.",
        "“{raw}”不是 −100 到 100 之间的数；权重保持为 {value}。",
    ),
    ("weight.none", "— none chosen —", "— 未选择 —"),
    ("weight.bias", "bias of {to}", "{to} 的偏置"),
    ("weight.value", "value w", "当前值 w"),
    ("weight.grad", "∂L/∂w", "∂L/∂w"),
    (
        "weight.grad-of",
        "{g} (backpropagation on the next batch: {rows} of {points} training points)",
        "{g}（在下一批上反向传播：{points} 个训练点中的 {rows} 个）",
    ),
    ("weight.penalty", "penalty's part", "惩罚项的部分"),
    (
        "weight.penalty-none",
        "0 (no penalty on this parameter)",
        "0（这个参数没有惩罚）",
    ),
    (
        "weight.update",
        "The next update, with its numbers:",
        "下一步更新，代入数值：",
    ),
    (
        "weight.shrink",
        "then the L1 step pulls it toward 0 by τ = {tau}: w ← sign(w)·max(|w| − τ, 0) = {next}",
        "然后 L1 步骤把它向 0 拉近 τ = {tau}：w ← sign(w)·max(|w| − τ, 0) = {next}",
    ),
    (
        "weight.chart",
        "The chosen weight over the run",
        "所选权重在训练过程中的变化",
    ),
    (
        "weight.chart-summary",
        "{name}: now {value}; the chart shows it from iteration {first} to {last}.",
        "{name}：现在为 {value}；图中显示它从第 {first} 次到第 {last} 次迭代的变化。",
    ),
    (
        "trace.heading",
        "Backpropagation, step by step",
        "逐步演示反向传播",
    ),
    (
        "trace.paused",
        "Pause (or use Step) to follow one step of backpropagation.",
        "暂停（或使用单步）即可逐步查看一次反向传播。",
    ),
    (
        "trace.point",
        "For the point ({x}, {y}), a {class} from the {set} (pick another on the map): its loss ℓ = {loss}.",
        "对于点 ({x}, {y})，{set}中的一只{class}（可在图上另选一个点）：它的损失 ℓ = {loss}。",
    ),
    ("trace.training-set", "training set", "训练集"),
    ("trace.test-set", "test set", "测试集"),
    ("trace.inputs", "inputs", "输入"),
    ("trace.scores", "scores", "得分"),
    (
        "trace.forward",
        "Forward, layer by layer (each hidden value is {activation}(z) of z = Σ w·a + b):",
        "前向，逐层计算（每个隐藏值为 {activation}(z)，其中 z = Σ w·a + b）：",
    ),
    (
        "trace.back",
        "Backward: δ = ∂ℓ/∂z, from the scores down; each layer below gets δ′ = (W·δ) ⊙ f′(a):",
        "反向：δ = ∂ℓ/∂z，从得分往回；前一层得到 δ′ = (W·δ) ⊙ f′(a)：",
    ),
    (
        "trace.weight",
        "So ∂ℓ/∂w = a({from}) × δ({to}) = {a} × {d} = {g}. Its part of ∂L/∂w, the mean over the {n} training points: ÷ {n} = {share}.",
        "所以 ∂ℓ/∂w = a({from}) × δ({to}) = {a} × {d} = {g}。它在 ∂L/∂w（{n} 个训练点上的平均）中的份额：÷ {n} = {share}。",
    ),
    (
        "trace.bias",
        "So ∂ℓ/∂b = δ({to}) = {g}. Its part of ∂L/∂b, the mean over the {n} training points: ÷ {n} = {share}.",
        "所以 ∂ℓ/∂b = δ({to}) = {g}。它在 ∂L/∂b（{n} 个训练点上的平均）中的份额：÷ {n} = {share}。",
    ),
    (
        "trace.weight-test",
        "So ∂ℓ/∂w = a({from}) × δ({to}) = {a} × {d} = {g}. A test point takes no part in training: this is only how its loss would pull the weight.",
        "所以 ∂ℓ/∂w = a({from}) × δ({to}) = {a} × {d} = {g}。测试点不参与训练：这只是它的损失会怎样拉动这个权重。",
    ),
    (
        "trace.bias-test",
        "So ∂ℓ/∂b = δ({to}) = {g}. A test point takes no part in training: this is only how its loss would pull the bias.",
        "所以 ∂ℓ/∂b = δ({to}) = {g}。测试点不参与训练：这只是它的损失会怎样拉动这个偏置。",
    ),
    (
        "trace.check",
        "backprop {bp}, finite difference {fd} (relative difference {rel}; h = {h})",
        "反向传播 {bp}，有限差分 {fd}（相对误差 {rel}；h = {h}）",
    ),
    (
        "confusion.heading",
        "Confusion matrix of the test points",
        "测试点的混淆矩阵",
    ),
    (
        "confusion.corner",
        "true ↓ · predicted →",
        "真实 ↓ · 预测 →",
    ),
    ("confusion.right", "right", "正确率"),
    (
        "confusion.cell",
        "{n} test points of class {truth} predicted as {predicted}",
        "{n} 个{truth}类测试点被预测为{predicted}",
    ),
    (
        "confusion.note",
        "Each row is a true class, each column what the network predicts: the diagonal is right. Click a number to ring those points on the map.",
        "每一行是真实类别，每一列是网络的预测：对角线上是预测正确的。点击一个数字，在图上圈出这些点。",
    ),
    ("class.0", "cat", "猫"),
    ("class.1", "dog", "狗"),
    ("class.2", "sheep", "羊"),
    ("feature.animals.x", "ear pointiness →", "耳朵尖度 →"),
    ("feature.animals.y", "body size →", "体型 →"),
    ("feature.x", "x₁ →", "x₁ →"),
    ("feature.y", "x₂ →", "x₂ →"),
    (
        "map.label",
        "Decision regions: the class the network chooses at each point of the plane, with the training points (filled) and test points (hollow)",
        "决策区域：网络在平面上每个位置选择的类别，以及训练点（实心）和测试点（空心）",
    ),
    (
        "chart.label",
        "Loss on the training and test sets after each epoch, and with a penalty on, the objective: training loss + penalty",
        "每轮之后训练集和测试集上的损失；加了惩罚项时还有目标：训练损失 + 惩罚项",
    ),
    ("chart.train", "train loss", "训练损失"),
    ("chart.test", "test loss", "测试损失"),
    (
        "chart.objective",
        "objective = train loss + penalty",
        "目标 = 训练损失 + 惩罚项",
    ),
    ("chart.x", "iteration", "迭代次数"),
    ("chart.y", "loss", "损失"),
    ("control.play", "Play", "播放"),
    ("control.pause", "Pause", "暂停"),
    ("control.step", "One step", "单步"),
    ("control.reset", "Reset", "重置"),
    (
        "control.play.label",
        "Play or pause training",
        "播放或暂停训练",
    ),
    (
        "control.step.label",
        "One step of gradient descent",
        "单步梯度下降",
    ),
    (
        "control.reset.label",
        "Reset to the same first weights",
        "重置到相同的初始权重",
    ),
    ("param.data", "Data set", "数据集"),
    ("param.noise", "Noise", "噪声"),
    ("param.samples", "Points", "点数"),
    ("param.train", "Training share", "训练集比例"),
    ("param.seed", "Seed", "随机种子"),
    ("param.hidden", "Hidden layers (widths)", "隐藏层（宽度）"),
    ("param.activation", "Activation", "激活函数"),
    ("param.loss", "Loss function", "损失函数"),
    ("param.penalty", "Penalty", "正则化惩罚"),
    ("param.lambda", "Penalty strength λ", "惩罚强度 λ"),
    (
        "param.l1-ratio",
        "Elastic net L1 share α",
        "弹性网络中 L1 的比例 α",
    ),
    ("param.optimizer", "Optimizer", "优化器"),
    ("param.lr", "Learning rate η", "学习率 η"),
    ("param.batch", "Batch size", "批大小"),
    ("param.max-iter", "Stop after iterations", "最大迭代次数"),
    (
        "param.loss-eps",
        "Stop when loss + penalty below",
        "损失 + 惩罚低于此值时停止",
    ),
    (
        "param.grad-eps",
        "Stop when ‖∇L‖ below",
        "‖∇L‖ 低于此值时停止",
    ),
    ("param.speed", "Steps per frame", "每帧步数"),
    ("param.score-cat", "Score of cat", "猫的得分"),
    ("param.score-dog", "Score of dog", "狗的得分"),
    ("param.score-sheep", "Score of sheep", "羊的得分"),
    ("param.label", "The picture really shows", "图片里其实是"),
    (
        "param.temperature",
        "Temperature T (every score divided by T)",
        "温度 T（每个得分都除以 T）",
    ),
    ("choice.label.cat", "cat (0)", "猫（0）"),
    ("choice.label.dog", "dog (1)", "狗（1）"),
    ("choice.label.sheep", "sheep (2)", "羊（2）"),
    (
        "softmax.heading",
        "2 · Softmax: from scores to probabilities to a loss",
        "2 · softmax：从得分到概率，再到损失",
    ),
    (
        "softmax.intro",
        "We show the network a picture of a cat, and it answers with one score per class: cat (0), dog (1), sheep (2). Scores can be any numbers, so softmax turns them into probabilities in three steps, and the cross-entropy loss says how far the answer is from the truth. Drag the scores and watch every number follow.",
        "我们把一张猫的照片传入网络，它为每个类别给出一个得分：猫（0）、狗（1）、羊（2）。得分可以是任何数，所以 softmax 分三步把它们变成概率，交叉熵损失函数再告诉我们答案离真实结果有多远。拖动得分，看每个数字如何变化。",
    ),
    (
        "softmax.step1",
        "① Exponentiate: e^s makes every score positive and widens the gaps between them.",
        "① 先对每个结果做 e 的指数放大：e^s 让每个得分都变成正数，并拉大它们之间的差距。",
    ),
    (
        "softmax.step2",
        "② Normalize: divide each by their sum, so the probabilities add up to 1.",
        "② 再做归一化：每个值除以它们的和，得到各个结果的概率，总和为 1。",
    ),
    (
        "softmax.step3",
        "③ Loss: −log of the true class's probability. Only the true class counts; the lower the loss, the closer to the truth.",
        "③ 最后计算损失值：取真实类别概率的 −log。只需关注真实类别的输出；损失值越小，说明越靠近真实结果。",
    ),
    (
        "softmax.play",
        "▶ Play the three steps in order",
        "▶ 按顺序演示这三步",
    ),
    (
        "softmax.formula.exp",
        "① Exponentiate, with the numbers",
        "① 指数放大，代入数字",
    ),
    (
        "softmax.formula.p",
        "② Normalize, with the numbers",
        "② 归一化，代入数字",
    ),
    (
        "softmax.formula.loss",
        "③ Loss, with the numbers",
        "③ 损失值，代入数字",
    ),
    ("softmax.chart.exp", "e^(s/T)", "e^(s/T)"),
    ("softmax.chart.p", "probability p", "概率 p"),
    ("softmax.chart.loss", "loss −log p", "损失 −log p"),
    (
        "softmax.chart.label",
        "The three steps: exponentiated scores, probabilities that sum to 1, and the loss on the −log p curve",
        "三个步骤：指数放大后的得分、总和为 1 的概率，以及 −log p 曲线上的损失",
    ),
    (
        "losses.heading",
        "3 · Five losses, side by side",
        "3 · 五种损失函数，并排比较",
    ),
    (
        "losses.intro",
        "A loss function (损失函数) measures how far the network's answer is from the truth; training makes it small. The article lists five. Here each one scores the example of section 2 and the whole training set of section 1, and any of them can drive the training.",
        "损失函数用来评估神经网络预测值与实际值之间的差异，训练就是让它变小。文章列出了五种常见的损失函数。这里每一种都给第 2 节的例子和第 1 节的整个训练集打分，也都可以拿来训练网络。",
    ),
    (
        "losses.curves.x",
        "margin: true class's score minus the highest other score",
        "间隔：真实类别的得分减去其他类别的最高得分",
    ),
    (
        "losses.curves.label",
        "Each loss against the margin, with section 2's example marked on every curve",
        "每种损失随间隔的变化，并在每条曲线上标出第 2 节的例子",
    ),
    (
        "losses.curves.note",
        "The curves assume the two other scores are equal; the dots are section 2's example with its real scores. Right of 0 the prediction is right: cross-entropy keeps pushing, hinge is satisfied beyond a margin of 1, and 0-1 is flat — no slope to follow.",
        "曲线假设另外两个得分相等；圆点是第 2 节例子的真实得分。0 的右边预测正确：交叉熵仍在推动，合页损失在间隔超过 1 后就满足了，而 0-1 损失是平的——没有坡度可循。",
    ),
    (
        "loss-runs.heading",
        "Same start, four losses: what does each one learn?",
        "同样的起点，四种损失：各自学到了什么？",
    ),
    (
        "loss-runs.intro",
        "The network of section 1, with its data, seed, first weights and settings, trained four times side by side: once with each loss that has a gradient. Only the loss differs. Cross-entropy keeps pushing the probabilities of points it already gets right; mean squared and mean absolute error push less as p(true) nears 1 (MAE barely moves points that are badly wrong); hinge stops caring once a point is right by a margin of 1.",
        "第 1 节的网络，用同样的数据、随机种子、初始权重和设置，并排训练四次：每种有梯度的损失函数各一次，只有损失函数不同。交叉熵对已经分对的点仍然继续推高概率；均方差和平均绝对差在 p(真实类别) 接近 1 时推得越来越少（平均绝对差对错得很离谱的点几乎不动）；合页损失在一个点以 1 的间隔分对之后就不再理会它。",
    ),
    ("loss-runs.play", "Train all four", "同时训练四个"),
    ("loss-runs.pause", "Pause", "暂停"),
    ("loss-runs.restart", "Start again", "重新开始"),
    (
        "loss-runs.stats",
        "iteration {n} · accuracy {train} (training), {test} (test)",
        "第 {n} 次迭代 · 准确率 {train}（训练）、{test}（测试）",
    ),
    (
        "loss-runs.map",
        "Decision regions learned with {run}",
        "用{run}学到的决策区域",
    ),
    ("losses.col.loss", "loss", "损失函数"),
    ("losses.col.formula", "one sample", "单个样本"),
    ("losses.col.example", "section 2's example", "第 2 节的例子"),
    (
        "losses.col.training",
        "training set (mean)",
        "训练集（平均）",
    ),
    ("losses.col.action", "train with it", "用它训练"),
    ("losses.train-with", "Train with this loss", "用它训练"),
    ("losses.in-use", "in use", "正在使用"),
    (
        "losses.conventions",
        "Conventions: every loss is averaged over the samples. p = softmax(s) and y is the one-hot truth; mean squared error and mean absolute error compare p with y (so MAE = 2(1 − p_y)); the hinge loss is the multi-class (Weston–Watkins) form on raw scores with margin 1; the 0-1 loss counts a mistake when the first highest score is not the true class, and its gradient is zero almost everywhere.",
        "约定：每种损失都对样本取平均。p = softmax(s)，y 是独热编码的真实结果；均方差和平均绝对差比较的是 p 和 y（所以平均绝对差 = 2(1 − p_y)）；合页损失是作用在原始得分上、间隔为 1 的多分类（Weston–Watkins）形式；0-1 损失在第一个最高得分不是真实类别时记一次错误，它的梯度几乎处处为零。",
    ),
    (
        "penalties.heading",
        "4 · Penalties: L1 and L2",
        "4 · 正则化惩罚：L1 与 L2",
    ),
    (
        "penalties.intro",
        "Regularization reduces overfitting by adding a penalty on the weights to the loss: the network then minimizes data loss + λ·R(w), and λ sets how much simplicity is worth. L1 adds the sum of the weights' absolute values, R(w) = Σ|w|, and tends to make many weights exactly 0 (sparse weights). L2 adds half the sum of their squares, R(w) = ½Σw², and makes all weights small.",
        "正则化通过向损失函数中添加一个对权重的惩罚项来减少过拟合：网络最小化的是 数据损失 + λ·R(w)，λ 决定模型简单有多重要。L1 正则化加上权重绝对值的和 R(w) = Σ|w|，有助于产生稀疏的权重（许多权重恰好为 0）；L2 正则化加上权重平方和的一半 R(w) = ½Σw²，有助于减小权重的值。",
    ),
    (
        "example.heading",
        "The article's example: same output, different weights",
        "文章中的例子：输出相同，权重不同",
    ),
    (
        "example.intro",
        "Two weight vectors meet the same input x = [1, 1, 1, 1] and give the same output w·x = 1. But w2 uses every feature, while w1 leans on the first one alone and overfits easily, so w2 is the better model, and a penalty should say so. Edit any entry: the numbers follow.",
        "两个权重向量与同一个输入 x = [1, 1, 1, 1] 相乘，结果都是 w·x = 1。但 w2 与每一个输入数据计算后都有数据，会学习到每一个特征信息；而 w1 只和第 1 个输入有关系，容易出现过拟合现象，所以 w2 的效果比 w1 好，惩罚项应该体现这一点。可以修改任意一项，数字会随之变化。",
    ),
    ("example.col.vector", "vector", "向量"),
    (
        "example.results.label",
        "w·x, L1 and L2 of w1 and w2",
        "w1 和 w2 的 w·x、L1 与 L2",
    ),
    ("example.col.l1", "L1: Σ|w|", "L1：Σ|w|"),
    ("example.col.l2", "L2: ½Σw²", "L2：½Σw²"),
    ("example.entry", "{v}, entry {n}", "{v} 的第 {n} 项"),
    (
        "example.same-output",
        "Same output: w1·x = w2·x = {v}; the data alone cannot tell the two apart.",
        "输出相同：w1·x = w2·x = {v}，仅凭数据无法区分二者。",
    ),
    (
        "example.other-output",
        "The outputs now differ, so the data loss can already tell the two apart; the penalties still compare their weights.",
        "现在两者的输出不同，数据损失已经能区分它们；惩罚项仍然比较它们的权重。",
    ),
    (
        "example.l1.tie",
        "L1 is indifferent here: {a} = {b}. It does not prefer spread weights.",
        "L1 在这里分不出高下：{a} = {b}，它并不偏好分散的权重。",
    ),
    (
        "example.l1.prefers",
        "L1 prefers {w} ({a} vs {b}).",
        "L1 更偏好 {w}（{a} 对 {b}）。",
    ),
    (
        "example.l2.tie",
        "L2 is indifferent here: {a} = {b}.",
        "L2 在这里分不出高下：{a} = {b}。",
    ),
    (
        "example.l2.prefers",
        "L2 prefers {w} ({a} vs {b}): squaring punishes one large weight more than several small ones.",
        "L2 更偏好 {w}（{a} 对 {b}）：平方让一个大权重比几个小权重受到更重的惩罚。",
    ),
    (
        "plane.heading",
        "The geometry: two weights, the loss and the penalty",
        "几何直观：两个权重、损失与惩罚",
    ),
    (
        "plane.intro",
        "A model with only two weights, fitted by least squares to eight fixed points, so every choice of (w₁, w₂) is a point of the plane. The shading is the data loss (lighter is lower) with its level sets; × is its minimum w* without a penalty. The thick line is the path of the penalized optimum w(λ) as λ grows from 0. The filled shape holds every w with a penalty no larger than at w(λ): a diamond for L1, a circle for L2. The dashed level set of the loss touches it at w(λ).",
        "一个只有两个权重的模型，用最小二乘拟合八个固定的点，于是每一组 (w₁, w₂) 就是平面上的一个点。底色是数据损失（越浅越小），细线是它的等高线；× 是不加惩罚时的最小值 w*。粗线是加惩罚后的最优解 w(λ) 随 λ 从 0 增大走过的路径。填色的区域包含所有惩罚不超过 w(λ) 处的权重：L1 是菱形，L2 是圆。虚线是损失经过 w(λ) 的等高线，两者在 w(λ) 处相切。",
    ),
    (
        "plane.label",
        "The plane of two weights: the data loss, the path of the penalized optimum as λ grows, and the penalty's shape touching the loss's level set",
        "两个权重的平面：数据损失、λ 增大时加惩罚最优解的路径，以及与损失等高线相切的惩罚形状",
    ),
    (
        "plane.how-to-read",
        "Under L1 the diamond's corners lie on the axes, so the touching point often sits on an axis: a weight exactly 0. A circle has no corners, so under L2 the weights shrink but stay nonzero.",
        "L1 的菱形的角落在坐标轴上，所以切点常常就在轴上：某个权重恰好为 0。圆没有角，所以在 L2 下权重会变小，但不会变成 0。",
    ),
    ("plane.unpenalized", "w*", "w*"),
    ("plane.penalized", "w(λ)", "w(λ)"),
    (
        "plane.star",
        "unpenalized optimum w*",
        "不加惩罚的最优解 w*",
    ),
    ("plane.w", "penalized optimum w(λ)", "加惩罚的最优解 w(λ)"),
    (
        "plane.objective",
        "data loss + λR(w) = objective",
        "数据损失 + λR(w) = 目标",
    ),
    (
        "plane.never-zero",
        "Both weights shrink towards 0 as λ grows, but neither ever becomes exactly 0.",
        "随着 λ 增大，两个权重都向 0 收缩，但永远不会恰好等于 0。",
    ),
    (
        "plane.zero-from",
        "{w} is exactly 0 from λ = {lambda} on.",
        "从 λ = {lambda} 起，{w} 恰好为 0。",
    ),
    (
        "plane.all-zero",
        "Both are 0 from λ = {lambda} on.",
        "从 λ = {lambda} 起，两个权重都为 0。",
    ),
    ("param.plane-penalty", "Penalty", "正则化惩罚"),
    ("param.plane-lambda", "Penalty strength λ", "惩罚强度 λ"),
    ("choice.plane-penalty.l1", "L1: Σ|w|", "L1：Σ|w|"),
    ("choice.plane-penalty.l2", "L2: ½Σw²", "L2：½Σw²"),
    (
        "choice.plane-penalty.elastic-net",
        "elastic net (α·L1 + (1 − α)·L2)",
        "弹性网络（α·L1 + (1 − α)·L2）",
    ),
    ("param.w1-1", "w1, entry 1", "w1 的第 1 项"),
    ("param.w1-2", "w1, entry 2", "w1 的第 2 项"),
    ("param.w1-3", "w1, entry 3", "w1 的第 3 项"),
    ("param.w1-4", "w1, entry 4", "w1 的第 4 项"),
    ("param.w2-1", "w2, entry 1", "w2 的第 1 项"),
    ("param.w2-2", "w2, entry 2", "w2 的第 2 项"),
    ("param.w2-3", "w2, entry 3", "w2 的第 3 项"),
    ("param.w2-4", "w2, entry 4", "w2 的第 4 项"),
    ("param.x-1", "x, entry 1", "x 的第 1 项"),
    ("param.x-2", "x, entry 2", "x 的第 2 项"),
    ("param.x-3", "x, entry 3", "x 的第 3 项"),
    ("param.x-4", "x, entry 4", "x 的第 4 项"),
    (
        "penalty-runs.heading",
        "On the live classifier: no penalty, L1 and L2 side by side",
        "在真实的分类器上：无惩罚、L1、L2 并排比较",
    ),
    (
        "penalty-runs.intro",
        "The network of section 1 (same data, seed, first weights and settings) trained three times: without a penalty, with L1 and with L2, both at the λ below. Under each map, a bar for every weight, layer by layer: a ring on the axis marks a weight that is exactly 0. λ can change while they train; nothing starts over.",
        "第 1 节的网络（同样的数据、随机种子、初始权重和设置）训练三次：不加惩罚、加 L1、加 L2，后两者都用下面的 λ。每张图下面，每个权重一根柱子，按层排列；轴上的小圆圈表示恰好为 0 的权重。训练过程中可以随时改变 λ，不会重新开始。",
    ),
    (
        "param.runs-lambda",
        "Penalty strength λ of the L1 and L2 runs",
        "L1 和 L2 两次训练的惩罚强度 λ",
    ),
    ("penalty-runs.none", "no penalty", "不加惩罚"),
    ("penalty-runs.play", "Train all three", "同时训练三个"),
    (
        "penalty-runs.overfit",
        "Make it overfit: few noisy points, a big network",
        "让它过拟合：少量带噪声的点，大网络",
    ),
    (
        "penalty-runs.stats",
        "iteration {n} · exactly 0: {zeros} · Σ|w| {l1} · ‖w‖₂ {l2} · train loss {train} + penalty {penalty} · test loss {test}",
        "第 {n} 次迭代 · 恰好为 0：{zeros} · Σ|w| {l1} · ‖w‖₂ {l2} · 训练损失 {train} + 惩罚 {penalty} · 测试损失 {test}",
    ),
    (
        "penalty-runs.map",
        "Decision regions learned with {run}",
        "用{run}学到的决策区域",
    ),
    (
        "penalty-runs.bars",
        "Every weight of the network trained with {run}; rings mark weights that are exactly 0",
        "用{run}训练的网络的每个权重；圆圈表示恰好为 0 的权重",
    ),
    (
        "penalty-runs.note",
        "The penalty is part of what each run minimizes, so its number is shown beside the training loss: the objective is their sum. With few noisy points and a big network, the run without a penalty fits the noise (low training loss, higher test loss); L1 switches whole weights off, L2 keeps them all but small.",
        "惩罚项是每次训练所最小化的目标的一部分，所以它的数值显示在训练损失旁边：目标就是两者之和。点少、噪声大而网络又大时，不加惩罚的那次会去拟合噪声（训练损失低，测试损失较高）；L1 会把一些权重完全关掉，L2 则保留全部权重但让它们变小。",
    ),
    (
        "descent.heading",
        "5 · Gradient descent: rolling down the loss",
        "5 · 梯度下降：沿着损失往下走",
    ),
    (
        "descent.intro",
        "Backpropagation gives the gradient ∇L, the direction in which the loss rises fastest. Gradient descent steps the other way, w ← w − η∇L, with the learning rate η setting the step, and repeats until a stop condition holds: a maximum number of iterations, the loss below a threshold, or the gradient close to zero. Where it ends depends on where it starts: different starts can reach different local minima. Click the surface to drop balls and watch.",
        "反向传播给出梯度 ∇L，即损失上升最快的方向。梯度下降朝相反方向迈一步：w ← w − η∇L，学习率 η 决定步长；然后重复，直到满足停止条件：达到最大迭代次数、损失函数值低于某个阈值，或梯度接近于零。终点取决于起点：不同的起点可能到达不同的局部最小值。点击曲面放下小球，看它们怎么走。",
    ),
    (
        "descent.label",
        "A loss surface with its contour lines and every ball's path down it",
        "损失曲面及其等高线，以及每个小球下降的路径",
    ),
    (
        "descent.click-hint",
        "Click to drop a ball (up to 8); each has its own colour and trail.",
        "点击放下一个小球（最多 8 个），每个都有自己的颜色和轨迹。",
    ),
    ("descent.clear", "Remove all balls", "移除所有小球"),
    ("descent.race", "Race the four optimizers", "四种优化器比赛"),
    ("descent.new-slice", "New slice", "重新切片"),
    ("descent.presets", "Learning-rate presets", "学习率预设"),
    ("descent.preset.small", "too small", "太小"),
    ("descent.preset.good", "good", "合适"),
    ("descent.preset.large", "too large", "太大"),
    ("descent.preset.diverge", "far too large", "远远太大"),
    ("param.surface", "Loss surface", "损失曲面"),
    ("choice.surface.bowl", "round bowl", "圆碗"),
    ("choice.surface.valley", "long narrow valley", "狭长山谷"),
    (
        "choice.surface.two-minima",
        "two minima and a saddle",
        "两个最小值和一个鞍点",
    ),
    (
        "choice.surface.rosenbrock",
        "curved valley (Rosenbrock)",
        "弯曲山谷（Rosenbrock）",
    ),
    (
        "choice.surface.slice-weights",
        "the classifier: two of its weights",
        "分类器：它的两个权重",
    ),
    (
        "choice.surface.slice-random",
        "the classifier: two random directions",
        "分类器：两个随机方向",
    ),
    (
        "descent.note.bowl",
        "L = ½(w₁² + w₂²): one minimum, and every step points straight at it.",
        "L = ½(w₁² + w₂²)：只有一个最小值，每一步都直指它。",
    ),
    (
        "descent.note.valley",
        "L = ½(w₁² + 25w₂²): steep across, flat along. A step size that suits one direction is wrong for the other.",
        "L = ½(w₁² + 25w₂²)：横向陡、纵向平。适合一个方向的步长对另一个方向就不合适。",
    ),
    (
        "descent.note.two-minima",
        "L = (w₁² − 1)² + 0.3w₁ + ½w₂²: a deeper minimum on the left, a shallower one on the right, a saddle between. Where a ball ends depends on where it starts.",
        "L = (w₁² − 1)² + 0.3w₁ + ½w₂²：左边的最小值更深，右边的较浅，中间是鞍点。小球停在哪里取决于它从哪里出发。",
    ),
    (
        "descent.note.rosenbrock",
        "L = (1 − w₁)² + 100(w₂ − w₁²)²: the ball drops into the curved valley quickly, then crawls along its flat floor towards the minimum at (1, 1).",
        "L = (1 − w₁)² + 100(w₂ − w₁²)²：小球很快落进弯曲的山谷，然后沿着平坦的谷底慢慢爬向 (1, 1) 处的最小值。",
    ),
    (
        "descent.note.slice-weights",
        "Section 1's network as it is now, with every parameter frozen except two weights of the first layer; the loss is its training objective (data loss + penalty). The network itself sits at the plane's centre.",
        "第 1 节的网络此刻的状态：除了第一层的两个权重，其余参数全部冻结；损失是它的训练目标（数据损失 + 惩罚项）。网络本身位于平面中心。",
    ),
    (
        "descent.note.slice-random",
        "Section 1's network as it is now, moved along two random directions scaled to its own weights (the loss-landscape method of Li et al., 2018). The network sits at (0, 0). SGD here uses real mini-batches.",
        "第 1 节的网络此刻的状态，沿两个按自身权重大小缩放的随机方向移动（Li 等人 2018 年的损失地形方法）。网络位于 (0, 0)。这里的随机梯度下降使用真实的小批量。",
    ),
    (
        "param.d-optimizer",
        "Optimizer of new balls",
        "新小球的优化器",
    ),
    ("param.d-lr", "Learning rate η", "学习率 η"),
    ("param.d-max-iter", "Maximum iterations", "最大迭代次数"),
    (
        "param.d-loss-eps",
        "Stop when the loss is below (0: off)",
        "损失低于此值时停止（0：关闭）",
    ),
    (
        "param.d-grad-eps",
        "Stop when ‖∇L‖ is below (0: off)",
        "‖∇L‖ 低于此值时停止（0：关闭）",
    ),
    (
        "descent.balls.label",
        "The balls, one row each",
        "小球列表，每行一个",
    ),
    ("descent.col.ball", "ball", "小球"),
    ("descent.col.optimizer", "optimizer", "优化器"),
    ("descent.col.start", "start", "起点"),
    ("descent.col.steps", "steps", "步数"),
    ("descent.col.loss", "loss now", "当前损失"),
    ("descent.col.end", "where it is", "当前位置"),
    ("descent.col.stop", "stop rule", "停止条件"),
    ("descent.rolling", "still rolling", "仍在滚动"),
    (
        "descent.diverged",
        "A ball diverged: with this learning rate each step overshoots the minimum by more than it gains, so the loss grows until it is no longer a finite number. It was stopped at once. Pick a smaller η (the “good” preset) and press Reset.",
        "有小球发散了：在这个学习率下，每一步越过最小值的距离都比它前进的更多，于是损失不断增大，直到不再是有限的数。它已被立即停止。请选择更小的 η（“合适”预设），然后按重置。",
    ),
    ("descent.axis.weight", "weight {n}", "权重 {n}"),
    ("descent.axis.d1", "direction 1", "方向 1"),
    ("descent.axis.d2", "direction 2", "方向 2"),
    ("descent.label.max-iterations", "max iterations", "最大迭代"),
    ("descent.label.loss-below", "L < ε", "L < ε"),
    ("descent.label.gradient-below", "‖∇L‖ < ε", "‖∇L‖ < ε"),
    ("descent.label.diverged", "diverged", "发散"),
    ("descent.path.x", "step", "步数"),
    ("descent.path.y", "loss", "损失"),
    (
        "descent.path.label",
        "The loss along each ball's path, step by step",
        "每个小球路径上的损失，逐步显示",
    ),
    (
        "descent.path.note",
        "The same paths seen from the side: the loss at every step of each ball, in its colour. A smooth fall is a good step size; a zig-zag means η is too large for the steep direction; a line that shoots up is divergence.",
        "同样的路径，从侧面看：每个小球每一步的损失，用它自己的颜色。平稳下降说明步长合适；锯齿说明 η 对陡峭的方向太大；一飞冲天就是发散。",
    ),
    (
        "descent.update.heading",
        "One step, written out",
        "把一步写出来",
    ),
    (
        "descent.update.gd",
        "The newest ball's next step: w ← w − η∇L. Press “One step” to take it; the arrow on the plane shows it.",
        "最新小球的下一步：w ← w − η∇L。按“单步”走这一步；平面上的箭头画出了它。",
    ),
    (
        "descent.update.other",
        "The newest ball's next step. Momentum and Adam build the step Δ from past gradients as well as ∇L, so Δ is not simply η∇L.",
        "最新小球的下一步。动量法和 Adam 用过去的梯度和当前的 ∇L 一起决定步长 Δ，所以 Δ 不只是 η∇L。",
    ),
    (
        "descent.update.none",
        "No step to show: the newest ball has stopped, or there is none. Click the surface to drop one, or press Reset.",
        "没有可显示的下一步：最新的小球已经停止，或者还没有小球。点击曲面放下一个，或按重置。",
    ),
    ("choice.d-optimizer.gd", "gradient descent", "梯度下降"),
    (
        "choice.d-optimizer.sgd",
        "SGD (noisy gradients)",
        "随机梯度下降（带噪声的梯度）",
    ),
    ("choice.d-optimizer.momentum", "momentum", "动量法"),
    ("choice.d-optimizer.adam", "Adam", "Adam"),
    ("param.panel", "Section shown", "显示的部分"),
    ("choice.panel.all", "all sections", "全部"),
    ("choice.panel.train", "1 · training", "1 · 训练"),
    ("choice.panel.softmax", "2 · softmax", "2 · softmax"),
    ("choice.panel.losses", "3 · losses", "3 · 损失函数"),
    ("choice.panel.penalties", "4 · penalties", "4 · 正则化惩罚"),
    (
        "choice.panel.descent",
        "5 · gradient descent",
        "5 · 梯度下降",
    ),
    ("param.embed", "Embedded in another page", "嵌入到其他页面"),
    ("choice.embed.0", "no", "否"),
    ("choice.embed.1", "yes", "是"),
    ("param.present", "Presenter mode", "演示模式"),
    ("choice.present.0", "off", "关"),
    ("choice.present.1", "on", "开"),
    ("param.lesson", "Lesson", "课程"),
    ("choice.lesson.none", "none", "无"),
    (
        "choice.lesson.softmax",
        "1 · softmax and cross-entropy",
        "1 · softmax 与交叉熵",
    ),
    (
        "choice.lesson.losses",
        "2 · five losses",
        "2 · 五种损失函数",
    ),
    ("choice.lesson.penalties", "3 · L1 or L2", "3 · L1 还是 L2"),
    (
        "choice.lesson.descent",
        "4 · gradient descent",
        "4 · 梯度下降",
    ),
    (
        "choice.lesson.minima",
        "5 · stop rules and local minima",
        "5 · 停止条件与局部最小值",
    ),
    ("param.step", "Lesson step", "课程步骤"),
    ("teacher.button", "For teachers", "教师"),
    ("sheet.heading", "losslab · questions", "losslab · 问题"),
    ("sheet.key", "losslab · answer key", "losslab · 答案"),
    (
        "sheet.intro",
        "Each step of the lesson, in order: what to do on the page, and the question asked before it (circle one answer before you try).",
        "课程的每一步，按顺序：在页面上要做什么，以及动手之前先回答的问题（先圈出一个答案再去尝试）。",
    ),
    (
        "sheet.name",
        "Name: ____________________",
        "姓名：____________________",
    ),
    ("sheet.print", "Print", "打印"),
    ("sheet.right", "right answer", "正确答案"),
    ("teacher.heading", "A link for your class", "给学生的链接"),
    (
        "teacher.intro",
        "Set the page up as your class should find it: the settings, and a step from Lessons if you like. Then choose, control by control, what students may change: locked shows a control but keeps its value; hidden leaves it out. The link below holds the scene, the step and the locks; the lesson's questions print on a page of their own, with an answer key.",
        "先把页面设置成学生打开时应看到的样子：各项设置，如有需要再从“课程”里选一个步骤。然后逐个选择学生能改什么：“锁定”显示控件但保持其值；“隐藏”则不显示。下面的链接包含这一场景、课程步骤和锁定；课程的问题可以单独打印，并附答案。",
    ),
    ("teacher.free", "free", "可改"),
    ("teacher.lock", "locked", "锁定"),
    ("teacher.hide", "hidden", "隐藏"),
    ("teacher.link", "Link for the class", "给学生的链接"),
    ("teacher.sheet", "Questions to print", "打印问题"),
    (
        "teacher.too-long",
        "This link is too long for its locks to be read: remove some of your own points (section 1) first.",
        "这个链接太长，锁定部分会被忽略：请先删除一些你自己添加的点（第 1 节）。",
    ),
    ("teacher.key", "Answer key", "答案"),
    ("lock.badge", "locked", "已锁定"),
    ("lock.none", "none", "无"),
    (
        "lock.title",
        "Locked by the link this page was opened with",
        "已被打开本页的链接锁定",
    ),
    (
        "param.lock",
        "Locked controls (a teacher's link)",
        "锁定的控件（教师链接）",
    ),
    (
        "param.hide",
        "Hidden controls (a teacher's link)",
        "隐藏的控件（教师链接）",
    ),
    (
        "param.host",
        "Pages allowed to drive this one when embedded (origins)",
        "嵌入时允许控制本页的页面（源）",
    ),
    ("embed.button", "Embed", "嵌入"),
    (
        "embed.label",
        "Embed this section in another page",
        "把这一部分嵌入到其他页面",
    ),
    (
        "embed.intro",
        "Paste this into a blog post or any web page: it shows this section alone, with the current settings, and sizes itself to fit.",
        "把下面的代码粘贴到博客文章或任何网页中：它只显示这一部分，使用当前的设置，并自动调整高度。",
    ),
    ("embed.copy", "Copy", "复制"),
    ("embed.copied", "Copied.", "已复制。"),
    ("embed.close", "Close", "关闭"),
    ("embed.open", "Open the whole page", "打开完整页面"),
    ("present.button", "Presenter mode", "演示模式"),
    ("present.exit", "Leave presenter mode", "退出演示模式"),
    ("present.keys.label", "Presenter mode keys", "演示模式按键"),
    (
        "present.keys",
        "Keys: space play/pause · → one step (in a lesson: → ← next and previous step) · r reset · 1–5 sections · l language · Esc leave",
        "按键：空格 播放/暂停 · → 单步（课程中：→ ← 下一步、上一步）· r 重置 · 1–5 跳到各部分 · l 切换语言 · Esc 退出",
    ),
    (
        "summary.map",
        "After {n} iterations the network classifies {train} of the training points and {test} of the test points correctly.",
        "迭代 {n} 次后，网络正确分类了 {train} 的训练点和 {test} 的测试点。",
    ),
    (
        "summary.chart",
        "After {n} iterations: training loss {trainLoss}, test loss {testLoss}, objective {objective}.",
        "迭代 {n} 次后：训练损失 {trainLoss}，测试损失 {testLoss}，目标 {objective}。",
    ),
    (
        "summary.softmax",
        "Probabilities: cat {p0}, dog {p1}, sheep {p2}. The true class is {class}; its loss −log p is {loss}.",
        "概率：猫 {p0}，狗 {p1}，羊 {p2}。真实类别是{class}，它的损失 −log p 为 {loss}。",
    ),
    (
        "summary.curves",
        "On section 2's example: cross-entropy {v0}, mean squared error {v1}, 0-1 loss {v2}, mean absolute error {v3}, hinge loss {v4}.",
        "第 2 节的例子上：交叉熵 {v0}，均方差 {v1}，0-1 损失 {v2}，平均绝对差 {v3}，合页损失 {v4}。",
    ),
    (
        "summary.plane",
        "The penalized optimum is at {w}; without a penalty it is at {star}.",
        "加惩罚的最优解在 {w}；不加惩罚时在 {star}。",
    ),
    (
        "summary.descent",
        "Balls on the {surface}: {count}. The newest is at {w} after {n} steps, with loss {loss}: {state}",
        "{surface}上有 {count} 个小球。最新的一个走了 {n} 步，位于 {w}，损失为 {loss}：{state}",
    ),
    ("click.label", "A click on the map:", "点击图上："),
    (
        "click.pick",
        "follows a point in section 2",
        "在第 2 节跟踪一个点",
    ),
    ("click.add-cat", "adds a cat", "添加一只猫"),
    ("click.add-dog", "adds a dog", "添加一只狗"),
    ("click.add-sheep", "adds a sheep", "添加一只羊"),
    (
        "click.hint",
        "Shift-click (or press and hold) removes the nearest point. Training carries on with your points.",
        "按住 Shift 点击（或长按）删除最近的点。训练会带着你的点继续进行。",
    ),
    (
        "error.bad-keys",
        "“{raw}” is not a list of the page's controls (names such as lr,batch); only the names of controls in it were taken: {value}.",
        "“{raw}” 不是本页控件名称的列表（例如 lr,batch）；只采用了其中的控件名称：{value}。",
    ),
    (
        "error.bad-origins",
        "“{raw}” is not a list of at most {max} origins written like https://blog.example; kept {value}.",
        "“{raw}” 不是最多 {max} 个形如 https://blog.example 的源；保留 {value}。",
    ),
    (
        "error.locked",
        "“{raw}” was not taken: the link this page was opened with locks this control. It stays {value}.",
        "未采用 “{raw}”：打开本页的链接锁定了这个控件，它保持为 {value}。",
    ),
    (
        "error.bad-marks",
        "“{raw}” is not a list of at most {max} points written x,y,name; kept {value}.",
        "“{raw}” 不是最多 {max} 个按 x,y,名称 写出的点；保留 {value}。",
    ),
    (
        "param.edits",
        "Your own points (added x,y,class or removed x,y,del)",
        "你自己的点（添加 x,y,类别 或删除 x,y,del）",
    ),
    (
        "param.balls",
        "Balls (start and optimizer of each)",
        "小球（各自的起点和优化器）",
    ),
    ("export.png", "PNG", "PNG"),
    (
        "export.png.label",
        "Download this section's charts as a PNG image",
        "把这一部分的图表下载为 PNG 图片",
    ),
    ("export.svg", "SVG", "SVG"),
    (
        "export.svg.label",
        "Download this section's charts as an SVG drawing (text stays text)",
        "把这一部分的图表下载为 SVG 矢量图（文字仍是文字）",
    ),
    ("export.gif", "GIF", "GIF"),
    (
        "export.gif.recording",
        "■ Stop · {n} frames",
        "■ 停止 · {n} 帧",
    ),
    (
        "export.gif.label",
        "Record this run as an animated GIF; press again to stop and download it",
        "把这次运行录成 GIF 动图；再按一次停止并下载",
    ),
    ("group.data", "Data", "数据"),
    ("group.model", "Network", "网络"),
    ("group.objective", "Loss and penalty", "损失与惩罚"),
    ("group.descent", "Gradient descent", "梯度下降"),
    ("group.stop", "Stop rules", "停止条件"),
    ("choice.data.animals", "cats, dogs, sheep", "猫、狗、羊"),
    ("choice.data.blobs", "three blobs", "三团点"),
    ("choice.data.circles", "rings", "同心圆环"),
    ("choice.data.spiral", "spiral", "螺旋"),
    ("choice.activation.tanh", "tanh", "tanh"),
    ("choice.activation.relu", "ReLU", "ReLU"),
    ("choice.activation.sigmoid", "sigmoid", "sigmoid"),
    ("choice.activation.linear", "linear", "线性"),
    ("choice.loss.cross-entropy", "cross-entropy", "交叉熵损失"),
    ("choice.loss.squared", "mean squared error", "均方差损失"),
    ("choice.loss.zero-one", "0-1 loss", "0-1 损失"),
    (
        "choice.loss.absolute",
        "mean absolute error",
        "平均绝对差损失",
    ),
    ("choice.loss.hinge", "hinge loss", "合页损失"),
    ("choice.penalty.none", "none", "无"),
    ("choice.penalty.l1", "L1 (λΣ|w|)", "L1（λΣ|w|）"),
    ("choice.penalty.l2", "L2 (λ·½Σw²)", "L2（λ·½Σw²）"),
    ("choice.penalty.elastic-net", "elastic net", "弹性网络"),
    (
        "choice.optimizer.gd",
        "gradient descent (full batch)",
        "梯度下降（全批量）",
    ),
    (
        "choice.optimizer.sgd",
        "stochastic gradient descent",
        "随机梯度下降",
    ),
    ("choice.optimizer.momentum", "momentum", "动量法"),
    ("choice.optimizer.adam", "Adam", "Adam"),
    ("seed.new", "Draw a new random seed", "随机生成新的种子"),
    ("hidden.add", "Add a layer", "添加一层"),
    ("hidden.remove", "Remove a layer", "删除一层"),
    (
        "hidden.width",
        "Width of hidden layer {n}",
        "第 {n} 个隐藏层的宽度",
    ),
    (
        "hidden.none",
        "no hidden layer: softmax regression",
        "没有隐藏层：softmax 回归",
    ),
    (
        "explain.summary",
        "What do these numbers mean?",
        "这些数字是什么意思？",
    ),
    (
        "explain.iteration",
        "How many times the weights have been updated: w ← w − η∇L.",
        "权重已更新的次数：w ← w − η∇L。",
    ),
    (
        "explain.train-loss",
        "The chosen loss function, averaged over the training points (filled).",
        "所选损失函数在训练点（实心）上的平均值。",
    ),
    (
        "explain.test-loss",
        "The same loss on the test points (hollow), which the network never learns from: it measures generalization.",
        "同一损失在测试点（空心）上的值；网络从不用它们学习，所以它衡量泛化能力。",
    ),
    (
        "explain.penalty",
        "λ times the penalty on the weights: Σ|w| for L1, ½Σw² for L2 (biases are not penalized).",
        "λ 乘以权重的惩罚：L1 为 Σ|w|，L2 为 ½Σw²（偏置不受惩罚）。",
    ),
    (
        "explain.objective",
        "What gradient descent actually minimizes: the training loss plus the penalty.",
        "梯度下降真正最小化的量：训练损失加上惩罚项。",
    ),
    (
        "explain.gradient",
        "Length of the gradient of the objective. Near zero means a flat spot: a (local) minimum.",
        "目标函数梯度的长度。接近零表示到了平坦处：一个（局部）最小值。",
    ),
    (
        "explain.accuracy",
        "Share of points whose highest-scoring class is their true class.",
        "得分最高的类别恰好是真实类别的点所占的比例。",
    ),
    (
        "explain.zeros",
        "Weights that are exactly 0 out of all weights; L1 makes many of them.",
        "恰好为 0 的权重个数 / 权重总数；L1 正则化会产生很多这样的权重。",
    ),
    ("stat.iteration", "iteration", "迭代"),
    ("stat.train-loss", "train loss", "训练损失"),
    ("stat.test-loss", "test loss", "测试损失"),
    ("stat.penalty", "penalty λR(w)", "惩罚项 λR(w)"),
    (
        "stat.objective",
        "objective = loss + penalty",
        "目标 = 损失 + 惩罚",
    ),
    ("stat.gradient", "‖∇L‖", "‖∇L‖"),
    ("stat.train-accuracy", "train accuracy", "训练准确率"),
    ("stat.test-accuracy", "test accuracy", "测试准确率"),
    ("stat.zeros", "weights exactly 0", "恰好为 0 的权重"),
    (
        "stop.max-iterations",
        "Stopped: the maximum number of iterations was reached.",
        "已停止：达到最大迭代次数。",
    ),
    (
        "stop.loss-below",
        "Stopped: the loss plus penalty fell below its threshold.",
        "已停止：损失加惩罚低于阈值。",
    ),
    (
        "stop.gradient-below",
        "Stopped: the gradient is close to zero — a (local) minimum.",
        "已停止：梯度接近于零——到达（局部）最小值。",
    ),
    (
        "stop.gradient-zero",
        "Stopped: the gradient is exactly zero, so there is no downhill direction to follow.",
        "已停止：梯度恰好为零，没有可以下降的方向。",
    ),
    (
        "stop.non-finite",
        "Training diverged: the loss is no longer a number. The learning rate is too large, so each step overshoots the valley and lands higher up. Lower η and press Reset.",
        "训练发散：损失已不再是一个数。学习率太大，每一步都越过谷底、落到更高处。请减小 η 并按重置。",
    ),
    (
        "stop.exploding",
        "Training diverged: the loss plus penalty grew to ten thousand times where it started. The learning rate is too large, so each step overshoots the valley and lands higher up. Lower η and press Reset.",
        "训练发散：损失加惩罚增长到了起点的一万倍。学习率太大，每一步都越过谷底、落到更高处。请减小 η 并按重置。",
    ),
    (
        "note.zero-one",
        "The 0-1 loss only counts mistakes. Moving a weight a little almost never changes that count, so its gradient is zero almost everywhere and gradient descent has nothing to follow: training stalls.",
        "0-1 损失只数错了几个。稍微改动一个权重几乎不会改变这个数，所以它的梯度几乎处处为零，梯度下降无路可循：训练停滞不前。",
    ),
    (
        "error.not-a-number",
        "“{raw}” is not a number; kept {value}.",
        "“{raw}”不是数字；保留 {value}。",
    ),
    (
        "error.not-finite",
        "{raw} is not a finite number; used {value}.",
        "{raw} 不是有限的数；改用 {value}。",
    ),
    (
        "error.below-min",
        "{raw} is below the smallest allowed value, {min}; used {value}.",
        "{raw} 小于允许的最小值 {min}；改用 {value}。",
    ),
    (
        "error.above-max",
        "{raw} is above the largest allowed value, {max}; used {value}.",
        "{raw} 大于允许的最大值 {max}；改用 {value}。",
    ),
    (
        "error.not-an-integer",
        "{raw} is not a whole number; used {value}.",
        "{raw} 不是整数；改用 {value}。",
    ),
    (
        "error.unknown-choice",
        "“{raw}” is not one of the choices; kept {value}.",
        "“{raw}”不是可选项之一；保留 {value}。",
    ),
    (
        "error.bad-widths",
        "“{raw}” is not a list of up to 6 widths from {min} to {max}; kept {value}.",
        "“{raw}”不是最多 6 个、取值 {min} 到 {max} 的宽度列表；保留 {value}。",
    ),
    (
        "error.unknown-param",
        "Unknown setting “{raw}” ignored.",
        "未知的设置“{raw}”已忽略。",
    ),
    (
        "footer.source",
        "Based on the article “损失函数及正则化惩罚和梯度下降” (loss functions, regularization penalties and gradient descent in neural networks).",
        "根据文章《神经网络模型中的损失函数及正则化惩罚和梯度下降》制作。",
    ),
    ("debug.frame", "frame {ms} ms", "帧耗时 {ms} 毫秒"),
    ("lessons.heading", "Lessons", "课程"),
    ("lessons.step", "step {i} of {n}", "第 {i} 步，共 {n} 步"),
    ("lessons.hint", "Hint", "提示"),
    ("lessons.show-me", "Show me", "演示给我看"),
    ("lessons.previous", "Previous step", "上一步"),
    ("lessons.next", "Next step", "下一步"),
    ("lessons.leave", "Leave the lesson", "退出课程"),
    ("lessons.reached", "✓ Goal reached.", "✓ 目标已达成。"),
    ("lessons.not-yet", "Goal not reached yet.", "目标尚未达成。"),
    ("lessons.held", "Your prediction held.", "你的预测是对的。"),
    (
        "lessons.not-held",
        "Your prediction did not hold.",
        "你的预测没有成立。",
    ),
    (
        "lessons.waiting",
        "Play it to see whether your prediction holds.",
        "播放后就能看到你的预测是否成立。",
    ),
    // Lessons (see crate::lesson): each key built from a lesson's or a step's id.
    (
        "lesson.softmax.title",
        "1 · Softmax and cross-entropy",
        "1 · Softmax 与交叉熵损失函数",
    ),
    (
        "lesson.losses.title",
        "2 · Five losses, and how each judges an answer",
        "2 · 五种损失函数，各自如何评判一个回答",
    ),
    (
        "lesson.penalties.title",
        "3 · L1 or L2: sparse weights or small ones",
        "3 · L1 还是 L2：稀疏的权重，还是小的权重",
    ),
    (
        "lesson.descent.title",
        "4 · Gradient descent and the learning rate",
        "4 · 梯度下降与学习率",
    ),
    (
        "lesson.minima.title",
        "5 · Stop rules and local minima",
        "5 · 停止条件与局部最小值",
    ),
    (
        "lesson.softmax-low-loss.task",
        "The picture shows a cat, but the network scores dog highest, so the loss is large. Change only the three scores until the loss L = −log p(cat) is below 0.1.",
        "图片里是一只猫，但网络给狗的得分最高，所以损失很大。只改变三个得分，让损失 L = −log p(猫) 小于 0.1。",
    ),
    (
        "lesson.softmax-low-loss.hint1",
        "The loss is small when the true class's probability p(cat) is close to 1.",
        "当真实类别的概率 p(猫) 接近 1 时，损失就小。",
    ),
    (
        "lesson.softmax-low-loss.hint2",
        "p(cat) grows as the cat's score rises above the others: raise cat, or lower dog.",
        "猫的得分比其他得分高得越多，p(猫) 就越大：提高猫的得分，或降低狗的得分。",
    ),
    (
        "lesson.softmax-low-loss.hint3",
        "L < 0.1 needs p(cat) > e^(−0.1) ≈ 0.905. With dog at 5.1 and sheep at −1.7, a cat score of 7.5 does it.",
        "L < 0.1 需要 p(猫) > e^(−0.1) ≈ 0.905。狗为 5.1、羊为 −1.7 时，猫的得分取 7.5 即可。",
    ),
    (
        "lesson.softmax-low-loss.done",
        "Done: the network is now sure of the right class, and cross-entropy rewards exactly that.",
        "完成：网络现在对正确的类别很有把握，交叉熵损失函数奖励的正是这一点。",
    ),
    (
        "lesson.softmax-shift.question",
        "Predict first: if you add the same number, say 5, to all three scores, what happens to the probabilities?",
        "先预测：如果给三个得分都加上同一个数（比如 5），概率会怎样？",
    ),
    ("lesson.softmax-shift.option1", "They all grow", "都变大"),
    (
        "lesson.softmax-shift.option2",
        "They stay exactly the same",
        "完全不变",
    ),
    (
        "lesson.softmax-shift.option3",
        "The largest grows, the others shrink",
        "最大的变大，其余的变小",
    ),
    (
        "lesson.softmax-shift.task",
        "Now try it: add the same number to all three scores and watch the probabilities.",
        "现在试一试：给三个得分加上同一个数，观察概率。",
    ),
    (
        "lesson.softmax-shift.hint1",
        "Softmax divides each e^s by their sum.",
        "Softmax 把每个 e^s 除以它们的和。",
    ),
    (
        "lesson.softmax-shift.hint2",
        "Adding c to every score multiplies every e^s, and so their sum, by e^c.",
        "每个得分都加上 c，每个 e^s 以及它们的和都乘以 e^c。",
    ),
    (
        "lesson.softmax-shift.hint3",
        "e^c cancels in the fraction. Set cat 8.2, dog 10.1 and sheep 3.3 (each 5 more) and compare.",
        "e^c 在分式中约掉了。把猫、狗、羊分别设为 8.2、10.1、3.3（各加 5），再比较。",
    ),
    (
        "lesson.softmax-shift.done",
        "Only the differences between the scores matter: softmax ignores a shift of all of them.",
        "只有得分之间的差才重要：所有得分一起平移，softmax 不受影响。",
    ),
    (
        "lesson.softmax-temperature.task",
        "Cat scores 3.2 and dog 3.5. Change only the temperature T until p(cat) and p(dog) are within 5 % of each other.",
        "猫的得分是 3.2，狗是 3.5。只改变温度 T，让 p(猫) 与 p(狗) 相差不超过 5%。",
    ),
    (
        "lesson.softmax-temperature.hint1",
        "T divides every score before softmax: a large T squeezes the scores together.",
        "在 softmax 之前，每个得分都除以 T：T 越大，得分挤得越近。",
    ),
    (
        "lesson.softmax-temperature.hint2",
        "p(cat)/p(dog) = e^((3.2 − 3.5)/T) = e^(−0.3/T).",
        "p(猫)/p(狗) = e^((3.2 − 3.5)/T) = e^(−0.3/T)。",
    ),
    (
        "lesson.softmax-temperature.hint3",
        "Within 5 % needs e^(−0.3/T) ≥ 0.95, that is T ≥ 5.9: try T = 6.",
        "相差不超过 5% 需要 e^(−0.3/T) ≥ 0.95，即 T ≥ 5.9：试试 T = 6。",
    ),
    (
        "lesson.softmax-temperature.done",
        "A high temperature makes the network unsure, a low one decisive.",
        "温度高，网络就犹豫不决；温度低，网络就果断。",
    ),
    (
        "lesson.losses-largest.question",
        "Predict: the picture is a cat, but the network is sure it is a dog (cat −5, dog 5, sheep 0). Which loss punishes this answer most?",
        "预测：图片是猫，但网络确信是狗（猫 −5，狗 5，羊 0）。哪个损失函数对这个回答惩罚最重？",
    ),
    (
        "lesson.losses-largest.option1",
        "cross-entropy",
        "交叉熵损失函数",
    ),
    (
        "lesson.losses-largest.option2",
        "mean squared error",
        "均方差损失函数",
    ),
    ("lesson.losses-largest.option3", "0-1 loss", "0-1损失函数"),
    (
        "lesson.losses-largest.option4",
        "mean absolute error",
        "平均绝对差损失函数",
    ),
    (
        "lesson.losses-largest.option5",
        "hinge loss",
        "合页损失函数",
    ),
    (
        "lesson.losses-largest.task",
        "Answer, then compare your answer with each loss's value on the example in the table.",
        "作答，然后把你的答案与表中每个损失函数在示例上的数值对比。",
    ),
    (
        "lesson.losses-largest.hint1",
        "Some losses are bounded: however wrong the answer, they never pass a fixed value.",
        "有些损失函数有上界：无论回答错得多离谱，都不会超过某个固定值。",
    ),
    (
        "lesson.losses-largest.hint2",
        "0-1 is at most 1, and the squared and absolute errors of probabilities are at most 2; cross-entropy and hinge have no bound.",
        "0-1 损失最多为 1，概率的均方差和平均绝对差最多为 2；交叉熵和合页损失没有上界。",
    ),
    (
        "lesson.losses-largest.hint3",
        "Read each loss's value on the example in the table: the largest one is the answer.",
        "看表中每个损失函数在示例上的数值：最大的那个就是答案。",
    ),
    (
        "lesson.losses-largest.done",
        "Unbounded losses push hardest on a confident mistake; bounded ones stop caring about it.",
        "没有上界的损失函数对自信的错误推得最狠；有上界的则不再理会它。",
    ),
    (
        "lesson.losses-zero-one.question",
        "Train with the 0-1 loss: its loss does not move. Why?",
        "用 0-1 损失训练：损失纹丝不动。为什么？",
    ),
    (
        "lesson.losses-zero-one.option1",
        "The learning rate is too small",
        "学习率太小",
    ),
    (
        "lesson.losses-zero-one.option2",
        "Its gradient is 0 almost everywhere, so the weights never change",
        "它的梯度几乎处处为 0，所以权重从不改变",
    ),
    (
        "lesson.losses-zero-one.option3",
        "The data cannot be separated",
        "数据无法分开",
    ),
    (
        "lesson.losses-zero-one.task",
        "Press Play for a few seconds (at least 60 updates), then answer.",
        "按“播放”几秒（至少 60 次更新），然后作答。",
    ),
    (
        "lesson.losses-zero-one.hint1",
        "Gradient descent moves the weights by −η∇L. What is ∇L here?",
        "梯度下降把权重移动 −η∇L。这里的 ∇L 是多少？",
    ),
    (
        "lesson.losses-zero-one.hint2",
        "The 0-1 loss only counts right and wrong answers; a small change of the weights almost never changes the count.",
        "0-1 损失只数对错；权重的微小变化几乎不会改变对错的个数。",
    ),
    (
        "lesson.losses-zero-one.hint3",
        "A loss made of steps has slope 0 between its steps: the second answer.",
        "由台阶构成的损失函数，台阶之间斜率为 0：选第二个答案。",
    ),
    (
        "lesson.losses-zero-one.done",
        "That is why training uses smooth losses, and 0-1 only counts mistakes.",
        "所以训练要用光滑的损失函数，0-1 损失只用来数错误。",
    ),
    (
        "lesson.losses-hinge.task",
        "Train with the hinge loss until the training accuracy reaches 90 %.",
        "用合页损失训练，直到训练准确率达到 90%。",
    ),
    (
        "lesson.losses-hinge.hint1",
        "Press Play and watch the training accuracy.",
        "按“播放”，观察训练准确率。",
    ),
    (
        "lesson.losses-hinge.hint2",
        "If it climbs slowly, a larger learning rate η helps.",
        "如果上升得慢，调大学习率 η 会有帮助。",
    ),
    (
        "lesson.losses-hinge.hint3",
        "Keep playing: it gets there within a few hundred updates at η = 0.03.",
        "继续播放：η = 0.03 时，几百次更新之内就能达到。",
    ),
    (
        "lesson.losses-hinge.done",
        "Hinge loss stops pushing a point once its margin is large enough, and still it learns the classes.",
        "合页损失在一个点的间隔足够大后就不再推动它，但同样学会了分类。",
    ),
    (
        "lesson.penalties-example.question",
        "The article's example: x = [1,1,1,1], and w1 = [1,0,0,0] and w2 = [¼,¼,¼,¼] both give w·x = 1. Which does L2 (½Σw²) prefer?",
        "文章中的例子：x = [1,1,1,1]，w1 = [1,0,0,0] 与 w2 = [¼,¼,¼,¼] 都得到 w·x = 1。L2 正则化（½Σw²）更偏好哪一个？",
    ),
    ("lesson.penalties-example.option1", "w1", "w1"),
    ("lesson.penalties-example.option2", "w2", "w2"),
    (
        "lesson.penalties-example.option3",
        "Neither: they tie",
        "都不：两者相同",
    ),
    (
        "lesson.penalties-example.task",
        "Answer, then check the penalties the section computes.",
        "作答，然后核对本节算出的惩罚值。",
    ),
    (
        "lesson.penalties-example.hint1",
        "A penalty prefers the vector with the smaller value.",
        "惩罚值更小的那个向量更受偏好。",
    ),
    (
        "lesson.penalties-example.hint2",
        "½Σw² of w1 is ½·1 = 0.5.",
        "w1 的 ½Σw² 是 ½·1 = 0.5。",
    ),
    (
        "lesson.penalties-example.hint3",
        "½Σw² of w2 is ½·4·(1/16) = 0.125, smaller: L2 prefers w2.",
        "w2 的 ½Σw² 是 ½·4·(1/16) = 0.125，更小：L2 偏好 w2。",
    ),
    (
        "lesson.penalties-example.done",
        "L2 prefers the weight spread over every input; L1 (Σ|w| = 1 for both) cannot tell them apart.",
        "L2 偏好把权重分散到每个输入上；L1（两者的 Σ|w| 都是 1）分不出高下。",
    ),
    (
        "lesson.penalties-more-zeros.question",
        "Predict: after training, which run has the most weights exactly 0?",
        "预测：训练之后，哪一组恰好为 0 的权重最多？",
    ),
    (
        "lesson.penalties-more-zeros.option1",
        "No penalty",
        "无惩罚",
    ),
    ("lesson.penalties-more-zeros.option2", "L1", "L1"),
    ("lesson.penalties-more-zeros.option3", "L2", "L2"),
    (
        "lesson.penalties-more-zeros.task",
        "Play the three runs side by side for at least 500 iterations, then compare their bars.",
        "并排播放三组训练至少 500 次迭代，然后比较它们的柱状图。",
    ),
    (
        "lesson.penalties-more-zeros.hint1",
        "A ring on the axis marks a weight that is exactly 0.",
        "轴上的小圆圈表示恰好为 0 的权重。",
    ),
    (
        "lesson.penalties-more-zeros.hint2",
        "L2 shrinks each weight in proportion to its size, so it seldom makes one exactly 0.",
        "L2 按大小成比例地缩小每个权重，很少使某个权重恰好为 0。",
    ),
    (
        "lesson.penalties-more-zeros.hint3",
        "L1 pulls every weight toward 0 by the same amount and holds it there. Press Play under the runs.",
        "L1 把每个权重以相同的量拉向 0，并让它停在 0。按下三组训练下方的“播放”。",
    ),
    (
        "lesson.penalties-more-zeros.done",
        "L1 gives sparse weights, L2 small ones, as the article says.",
        "正如文章所说：L1 得到稀疏的权重，L2 得到较小的权重。",
    ),
    (
        "lesson.penalties-sparse.task",
        "With L1, make at least 3 weights exactly 0 while the test accuracy stays at 90 % or more.",
        "使用 L1，让至少 3 个权重恰好为 0，同时测试准确率保持在 90% 或以上。",
    ),
    (
        "lesson.penalties-sparse.hint1",
        "Press Play and watch “weights exactly 0” and the test accuracy.",
        "按“播放”，观察“恰好为 0 的权重”和测试准确率。",
    ),
    (
        "lesson.penalties-sparse.hint2",
        "A larger λ makes more zeros, but too large a λ costs accuracy.",
        "λ 越大，0 越多；但 λ 太大会损失准确率。",
    ),
    (
        "lesson.penalties-sparse.hint3",
        "Set λ to 0.01 and play until both numbers are there.",
        "把 λ 设为 0.01，播放直到两个数都达标。",
    ),
    (
        "lesson.penalties-sparse.done",
        "Sparse and still accurate: L1 removed what the network did not need.",
        "既稀疏又准确：L1 去掉了网络用不着的部分。",
    ),
    (
        "lesson.descent-bounce.task",
        "On Rosenbrock's curved valley, find a learning rate η at which the loss bounces (rises now and then) but still comes down. Drop a ball or press Play.",
        "在 Rosenbrock 弯曲的山谷上，找一个学习率 η，使损失时而上升、来回振荡，但总体仍在下降。放一个球或按“播放”。",
    ),
    (
        "lesson.descent-bounce.hint1",
        "Too small an η creeps down smoothly; too large a one blows up.",
        "η 太小，损失平滑而缓慢地下降；η 太大，损失会爆炸。",
    ),
    (
        "lesson.descent-bounce.hint2",
        "The presets are multiples of 1/c, c the steepest curvature of the valley: between 1/c and 2/c each step overshoots the floor.",
        "预设值是 1/c 的倍数，c 是山谷最陡方向的曲率：η 在 1/c 与 2/c 之间时，每一步都会越过谷底。",
    ),
    (
        "lesson.descent-bounce.hint3",
        "Press the third preset (1.9/c), then Play: the ball zig-zags across the valley yet its loss goes down.",
        "按第三个预设（1.9/c），然后播放：球在山谷两侧来回折返，但损失仍在下降。",
    ),
    (
        "lesson.descent-bounce.done",
        "Each step overshoots the valley floor but still lands lower: a zig-zag that wastes steps.",
        "每一步都越过谷底，但仍落得更低：来回折返，浪费步数。",
    ),
    (
        "lesson.descent-diverge.task",
        "Now find a learning rate at which the loss diverges.",
        "再找一个让损失发散的学习率。",
    ),
    (
        "lesson.descent-diverge.hint1",
        "Make η larger than the one that bounced.",
        "让 η 比刚才振荡的那个更大。",
    ),
    (
        "lesson.descent-diverge.hint2",
        "Past 2/c each step lands higher than the one before.",
        "超过 2/c 后，每一步都比上一步落得更高。",
    ),
    (
        "lesson.descent-diverge.hint3",
        "Press the fourth preset (3/c), then Play.",
        "按第四个预设（3/c），然后播放。",
    ),
    (
        "lesson.descent-diverge.done",
        "Divergence is caught at once and explained; Reset brings the ball back.",
        "发散会被立即发现并给出解释；“重置”让球回到起点。",
    ),
    (
        "lesson.descent-fast.task",
        "On the round bowl, find a learning rate that brings the ball to rest (‖∇L‖ < ε) in at most 30 steps.",
        "在圆碗上，找一个学习率，使球在最多 30 步内停下（‖∇L‖ < ε）。",
    ),
    (
        "lesson.descent-fast.hint1",
        "At η = 0.01 the ball needs hundreds of steps.",
        "η = 0.01 时，球需要几百步。",
    ),
    (
        "lesson.descent-fast.hint2",
        "On a bowl of curvature c, η = 1/c reaches the bottom in one step.",
        "在曲率为 c 的碗上，η = 1/c 一步就到底。",
    ),
    (
        "lesson.descent-fast.hint3",
        "Press the second preset (0.5/c), then Play.",
        "按第二个预设（0.5/c），然后播放。",
    ),
    (
        "lesson.descent-fast.done",
        "The right step size makes the same algorithm many times faster.",
        "合适的步长让同一个算法快上许多倍。",
    ),
    (
        "lesson.minima-two.task",
        "On the surface with two minima, drop two balls that end in different minima.",
        "在有两个最小值的曲面上，放下两个最终停在不同最小值的球。",
    ),
    (
        "lesson.minima-two.hint1",
        "Where a ball ends depends on where it starts.",
        "球停在哪里，取决于它从哪里出发。",
    ),
    (
        "lesson.minima-two.hint2",
        "The saddle near w₁ = 0 splits the plane into two basins.",
        "w₁ = 0 附近的鞍点把平面分成两个盆地。",
    ),
    (
        "lesson.minima-two.hint3",
        "Click once left of the saddle and once right of it, then Play.",
        "在鞍点左边点一下，右边再点一下，然后播放。",
    ),
    (
        "lesson.minima-two.done",
        "Different starts, different local minima: gradient descent only goes downhill from where it is.",
        "起点不同，局部最小值就不同：梯度下降只会从所在之处往下走。",
    ),
    (
        "lesson.minima-gradient-rule.task",
        "Make the stop rule ‖∇L‖ < ε stop a ball before the iteration limit does.",
        "让停止条件 ‖∇L‖ < ε 在达到最大迭代次数之前让球停下。",
    ),
    (
        "lesson.minima-gradient-rule.hint1",
        "Now ε is 0 (off) and the limit is 50 iterations.",
        "现在 ε 为 0（关闭），迭代上限为 50 次。",
    ),
    (
        "lesson.minima-gradient-rule.hint2",
        "Set ε above 0: a larger ε fires sooner, and so does a larger η.",
        "把 ε 设为大于 0：ε 越大越早触发，η 越大也一样。",
    ),
    (
        "lesson.minima-gradient-rule.hint3",
        "Set ε to 0.01, η to 0.1 and the limit to 1000, then Play.",
        "把 ε 设为 0.01、η 设为 0.1、上限设为 1000，然后播放。",
    ),
    (
        "lesson.minima-gradient-rule.done",
        "The rule that fired is written beside the ball and in the table.",
        "触发的停止条件写在球旁边和表格里。",
    ),
    (
        "lesson.minima-loss-rule.task",
        "Set a loss threshold that only the deeper minimum can reach, and make that rule stop a ball.",
        "设一个只有较深的最小值才能达到的损失阈值，并让这个停止条件让球停下。",
    ),
    (
        "lesson.minima-loss-rule.hint1",
        "The left minimum is deeper (its loss is about −0.3) than the right one (about 0.3).",
        "左边的最小值更深（损失约 −0.3），右边的约为 0.3。",
    ),
    (
        "lesson.minima-loss-rule.hint2",
        "Set “stop when the loss is below” between the two, for example 0.1.",
        "把“损失低于此值时停止”设在两者之间，例如 0.1。",
    ),
    (
        "lesson.minima-loss-rule.hint3",
        "With the threshold at 0.1, drop a ball left of the saddle and Play.",
        "阈值设为 0.1 后，在鞍点左边放一个球，然后播放。",
    ),
    (
        "lesson.minima-loss-rule.done",
        "A ball in the shallower basin never gets below the threshold: the loss rule cannot tell a local minimum from a failure.",
        "较浅盆地里的球永远到不了阈值以下：损失条件分不清局部最小值和失败。",
    ),
];

/// The text for `key` in `lang`; "" if the table lacks it (a bug the key-coverage tests catch).
pub fn tr(lang: Lang, key: &str) -> &'static str {
    TEXTS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|&(_, en, zh)| match lang {
            Lang::En => en,
            Lang::Zh => zh,
        })
        .unwrap_or("")
}

/// `tr(lang, key)` with each `{name}` replaced by its value.
pub fn fill(lang: Lang, key: &str, slots: &[(&str, &str)]) -> String {
    let mut out = String::new();
    fill_into(lang, key, &mut out, |name, out| {
        slots
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| out.push_str(v))
            .is_some()
    });
    out
}

/// `tr(lang, key)` into `out` (cleared first), each placeholder `{name}` (a name of ASCII
/// letters, digits, `-` and `_`) replaced by what `value(name, out)` appends to `out`; where it
/// returns false (no such value) the placeholder stays as written. Values are copied as they
/// are, never searched for placeholders in turn. Allocates only if `out` must grow.
pub fn fill_into(
    lang: Lang,
    key: &str,
    out: &mut String,
    mut value: impl FnMut(&str, &mut String) -> bool,
) {
    out.clear();
    let mut rest = tr(lang, key);
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]).filter(|n| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        match name {
            Some(name) => {
                if !value(name, out) {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Every (key, text) pair of one language, for the page to fill its labels.
pub fn strings(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    TEXTS
        .iter()
        .map(move |&(k, en, zh)| (k, if lang == Lang::En { en } else { zh }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_key_is_unique_and_has_both_languages() {
        let mut seen = HashSet::new();
        for (key, en, zh) in TEXTS {
            assert!(seen.insert(*key), "duplicate key {key}");
            assert!(!en.is_empty() && !zh.is_empty(), "{key} lacks a language");
        }
    }

    /// Every quoted `"group.name"`-shaped key in `source` ('…' or "…", closed by the same quote
    /// right after the key) whose first part is one of the table's key prefixes.
    fn keys_in(source: &str) -> Vec<String> {
        let prefixes: HashSet<&str> = TEXTS
            .iter()
            .filter_map(|(k, _, _)| k.split('.').next())
            .collect();
        let key_char =
            |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-';
        let mut found = Vec::new();
        for (i, quote) in source
            .char_indices()
            .filter(|&(_, c)| c == '"' || c == '\'')
        {
            let rest = &source[i + 1..];
            let len = rest.find(|c: char| !key_char(c)).unwrap_or(rest.len());
            let (candidate, after) = rest.split_at(len);
            // A prefix ("lesson.") is not a key.
            if after.starts_with(quote)
                && candidate.contains('.')
                && !candidate.ends_with('.')
                && candidate
                    .split('.')
                    .next()
                    .is_some_and(|p| prefixes.contains(p))
            {
                found.push(candidate.to_string());
            }
        }
        found
    }

    #[test]
    fn every_key_the_page_and_the_facade_use_is_in_the_table() {
        let known: HashSet<&str> = TEXTS.iter().map(|(k, _, _)| *k).collect();
        // Every source of the page, the façade and the renderer, read from the repository.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = vec![std::fs::read_to_string(root.join("index.html")).unwrap()];
        let mut dirs = vec![root.join("src"), root.join("www")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let ext = path.extension().and_then(|e| e.to_str());
                if path.is_dir() {
                    dirs.push(path);
                } else if matches!(ext, Some("rs" | "js")) && !path.ends_with("text.rs") {
                    sources.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let used: Vec<String> = sources.iter().flat_map(|s| keys_in(s)).collect();
        assert!(used.len() > 60, "found only {} keys", used.len());
        for key in &used {
            assert!(
                known.contains(key.as_str()),
                "{key} is used but not in the table"
            );
        }
        // And the other way: no dead text. Labels of settings and their choices are built from
        // the settings table (checked in `settings`); every other key is written out somewhere.
        for (key, _, _) in TEXTS {
            let built = key.starts_with("param.")
                || key.starts_with("choice.")
                || key.starts_with("lesson.");
            assert!(
                built || used.iter().any(|u| u == key),
                "{key} is in the table but never used"
            );
        }
    }

    #[test]
    fn chinese_texts_use_the_articles_terms() {
        assert_eq!(tr(Lang::Zh, "param.loss"), "损失函数");
        assert!(tr(Lang::Zh, "choice.loss.cross-entropy").contains("交叉熵"));
        assert!(tr(Lang::Zh, "param.penalty").contains("正则化惩罚"));
        assert!(tr(Lang::Zh, "group.descent").contains("梯度下降"));
        assert!(tr(Lang::Zh, "param.lr").contains("学习率"));
    }

    #[test]
    fn slots_are_filled_and_language_codes_are_read_leniently() {
        let s = fill(
            Lang::En,
            "error.below-min",
            &[("raw", "-3"), ("min", "0"), ("value", "0")],
        );
        assert_eq!(s, "-3 is below the smallest allowed value, 0; used 0.");
        assert_eq!(Lang::from_code("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_code("en-GB"), Lang::En);
        assert_eq!(Lang::from_code("<script>"), Lang::En);
    }

    #[test]
    fn a_fill_copies_values_as_they_are_and_keeps_placeholders_without_one() {
        // A value that looks like a placeholder is not filled in turn.
        let s = fill(
            Lang::En,
            "error.below-min",
            &[("raw", "{min}"), ("min", "0"), ("value", "{value}")],
        );
        assert_eq!(
            s,
            "{min} is below the smallest allowed value, 0; used {value}."
        );
        // Without a value the placeholder stays; a reused buffer is cleared first.
        let mut out = String::from("left over");
        fill_into(Lang::En, "debug.frame", &mut out, |_, _| false);
        assert_eq!(out, "frame {ms} ms");
        fill_into(Lang::Zh, "debug.frame", &mut out, |name, out| {
            out.push_str(if name == "ms" { "2.50" } else { "?" });
            true
        });
        assert_eq!(out, "帧耗时 2.50 毫秒");
    }
}
