//! The words on the charts, in one language: the same for the page and for `losslab-render`.

use super::charts::{LossLabels, MapLabels};
use super::example::SoftmaxLabels;
use super::penalties::PlaneLabels;
use crate::engine::data::DataKind;
use crate::engine::loss::Loss;
use crate::engine::slice::SliceKind;
use crate::engine::stop::StopReason;
use crate::settings::Choice;
use crate::text::{self, Lang, tr};

/// The decision map's axes: the article's features for the animals, x₁ and x₂ otherwise.
pub fn map_labels(lang: Lang, kind: DataKind) -> MapLabels<'static> {
    let (x, y) = if kind == DataKind::Animals {
        ("feature.animals.x", "feature.animals.y")
    } else {
        ("feature.x", "feature.y")
    };
    MapLabels {
        x: tr(lang, x),
        y: tr(lang, y),
    }
}

/// The loss chart's axes and legend.
pub fn loss_labels(lang: Lang) -> LossLabels<'static> {
    LossLabels {
        x: tr(lang, "chart.x"),
        y: tr(lang, "chart.y"),
        train: tr(lang, "chart.train"),
        test: tr(lang, "chart.test"),
        objective: tr(lang, "chart.objective"),
    }
}

/// The softmax chart's class names and step titles.
pub fn softmax_labels(lang: Lang) -> SoftmaxLabels<'static> {
    SoftmaxLabels {
        classes: [
            tr(lang, "class.0"),
            tr(lang, "class.1"),
            tr(lang, "class.2"),
        ],
        exp: tr(lang, "softmax.chart.exp"),
        probability: tr(lang, "softmax.chart.p"),
        loss: tr(lang, "softmax.chart.loss"),
    }
}

/// The names of the five losses, in [`Loss::ALL`] order.
pub fn loss_names(lang: Lang) -> [&'static str; 5] {
    Loss::ALL.map(|l| tr(lang, &format!("choice.loss.{}", l.key())))
}

/// The penalty plane's two optima.
pub fn plane_labels(lang: Lang) -> PlaneLabels<'static> {
    PlaneLabels {
        unpenalized: tr(lang, "plane.unpenalized"),
        penalized: tr(lang, "plane.penalized"),
    }
}

/// The descent plane's axes: w₁ and w₂ on a toy surface, the two weights or the two directions
/// of a slice.
pub fn descent_axes(lang: Lang, slice: Option<SliceKind>) -> (String, String) {
    match slice {
        Some(SliceKind::Weights(i, j)) => (
            text::fill(lang, "descent.axis.weight", &[("n", &(i + 1).to_string())]),
            text::fill(lang, "descent.axis.weight", &[("n", &(j + 1).to_string())]),
        ),
        Some(SliceKind::Random(_)) => (
            tr(lang, "descent.axis.d1").to_string(),
            tr(lang, "descent.axis.d2").to_string(),
        ),
        None => ("w₁".to_string(), "w₂".to_string()),
    }
}

/// The short label written beside a ball that stopped.
pub fn stop_label(lang: Lang, reason: StopReason) -> &'static str {
    tr(
        lang,
        match reason {
            StopReason::MaxIterations => "descent.label.max-iterations",
            StopReason::LossBelow => "descent.label.loss-below",
            StopReason::GradientBelow => "descent.label.gradient-below",
            StopReason::NonFinite | StopReason::Exploding => "descent.label.diverged",
        },
    )
}
