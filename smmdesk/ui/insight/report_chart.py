"""`ReportChart`: a `ChartData` as stacked bars, one set per group, with QtCharts.

Imported only when the Reports tab is first shown: QtCharts (PySide6-Addons) costs
nothing at start-up that way. Why QtCharts and not pyqtgraph (measured, see the commit
that added it): it imports in 4-12 ms where pyqtgraph with numpy takes 0.7-1 s, and adds
about 12 MiB to the frozen bundle where pyqtgraph and numpy add 57 MiB.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from smmdesk.services.reports import OTHERS, ChartData, Measure
from smmdesk.store.reports import Bucket
from smmdesk.ui.common.tones import current_tones
from smmdesk.ui.insight.wording import format_month_day

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
LABELLED_PERIODS = 16  # at most this many period labels on the axis; the rest stay blank
_BLANK = "\u200b"  # a category axis needs distinct labels: blanks are runs of this


def period_labels(data: ChartData, bucket: Bucket) -> list[str]:
    """One distinct label per period; with many periods only every n-th is written."""
    step = max(1, -(-len(data.periods) // LABELLED_PERIODS))
    one_year = len({period.year for period in data.periods}) == 1
    return [
        _BLANK * index if index % step else _period_label(period, bucket, one_year)
        for index, period in enumerate(data.periods)  # blanks all unalike
    ]


def _period_label(period: date, bucket: Bucket, one_year: bool) -> str:
    if bucket is Bucket.MONTH:
        return period.strftime("%Y-%m")
    return format_month_day(period) if one_year else period.isoformat()


def series_name(label: str) -> str:
    """A group's name as the legend shows it: the report's own words ("Others" for the
    smaller groups together, "(none)" for orders without one) in the user's language."""
    if label == OTHERS:
        return translate("Reports", "Others")
    if label == "(none)":
        return translate("Reports", "(none)")
    return label


def amounts_title(measure: Measure, currency: str) -> str:
    """`Spend (USD)`: what the value axis counts."""
    if not currency:
        currency = translate("Reports", "unknown currency")
    if measure is Measure.SPEND:
        return translate("Reports", "Spend ({currency})").format(currency=currency)
    return translate("Reports", "Profit ({currency})").format(currency=currency)


class ReportChart(QWidget):
    """Shows one `ChartData` at a time; `image()` is what "Save chart" writes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportChart")
        self.chart = QChart()
        self.chart.setLocalizeNumbers(True)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.view = QChartView(self.chart, self)
        self.view.setObjectName("reportChartView")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_data(self, data: ChartData, bucket: Bucket) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        themes = QChart.ChartTheme
        chart.setTheme(themes.ChartThemeDark if current_tones().dark else themes.ChartThemeLight)
        chart.setBackgroundRoundness(0)
        series = QStackedBarSeries()
        for group in data.series:
            bars = QBarSet(series_name(group.label))
            bars.append([float(value) for value in group.values])
            series.append(bars)
        chart.addSeries(series)
        periods = QBarCategoryAxis()
        periods.append(period_labels(data, bucket))
        periods.setTruncateLabels(False)
        if len(data.periods) > 8:
            periods.setLabelsAngle(-60)
        amounts = QValueAxis()
        amounts.setLabelFormat("%.2f")
        amounts.setTitleText(amounts_title(data.measure, data.currency))
        chart.addAxis(periods, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(periods)
        series.attachAxis(amounts)
        amounts.applyNiceNumbers()
        chart.legend().setVisible(len(data.series) > 1 or bool(data.series[0].label))

    def image(self) -> QImage:
        return self.view.grab().toImage()
