package dev.tideflow.policy.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Additive Holt-Winters (triple exponential smoothing) over a bucketed metric, with a season of
 * {@code seasonLength} buckets (288 for a day of 5-minute buckets).
 *
 * <ul>
 *   <li>Initialization: the level and trend from the means of the first two seasons, each seasonal index from
 *       the average deviation of its position from its season's mean over those two seasons.</li>
 *   <li>Parameters: given, or fitted by a coarse grid and then a coordinate search with a halving step, minimizing
 *       the sum of squared one-step-ahead errors after the first season.</li>
 *   <li>Short history (fewer than two seasons after the first observation): Holt's linear trend, started from a
 *       least-squares line, and a confidence of at most {@link #SHORT_HISTORY_CONFIDENCE_CAP}; a single
 *       observation is carried forward with confidence 0.</li>
 *   <li>Missing buckets ({@code NaN}): leading ones are dropped; any later one is carried by the model, which
 *       advances its state by its own one-step forecast (level + trend, season unchanged) and scores no error
 *       there. A gap thus costs no invented data, and the seasonal pattern survives it.</li>
 *   <li>Output: point forecasts and 95 % prediction intervals from the residual standard deviation, widening with
 *       the horizon as the ETS(A,A,A) variance does; everything clipped at 0.</li>
 *   <li>Confidence: {@code (1 − min(1, WAPE)) × coverage} over the last season's one-step-ahead forecasts, where
 *       coverage is the share of those buckets that were observed.</li>
 * </ul>
 */
public final class HoltWintersForecaster {

    /** Without two seasons the daily pattern is unknown, so a good fit on the last hours says little. */
    public static final double SHORT_HISTORY_CONFIDENCE_CAP = 0.3;

    private static final double Z_95 = 1.959964;
    private static final double[] ALPHA_GRID = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9};
    private static final double[] BETA_GRID = {0.0, 0.01, 0.05, 0.1, 0.3};
    private static final double[] GAMMA_GRID = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9};
    private static final double FIRST_SEARCH_STEP = 0.05;
    private static final double LAST_SEARCH_STEP = 0.002;
    private static final int MAX_SEARCH_MOVES = 500;

    private final int seasonLength;
    private final SmoothingParameters fixedParameters;

    private HoltWintersForecaster(int seasonLength, SmoothingParameters fixedParameters) {
        if (seasonLength < 2) {
            throw new IllegalArgumentException("the season must be at least 2 buckets, got " + seasonLength);
        }
        this.seasonLength = seasonLength;
        this.fixedParameters = fixedParameters;
    }

    /** A forecaster that fits alpha, beta and gamma to each history. */
    public static HoltWintersForecaster fitted(int seasonLength) {
        return new HoltWintersForecaster(seasonLength, null);
    }

    /** A forecaster with fixed constants; on a short history only alpha and beta are used. */
    public static HoltWintersForecaster withParameters(int seasonLength, SmoothingParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("the parameters are required");
        }
        return new HoltWintersForecaster(seasonLength, parameters);
    }

    public int seasonLength() {
        return seasonLength;
    }

    /**
     * Forecasts the {@code horizon} buckets that follow the history.
     *
     * @throws IllegalArgumentException when the horizon is below 1 or the history has no observed value
     */
    public Forecast forecast(BucketedSeries history, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("the horizon must be at least 1 bucket, got " + horizon);
        }
        int firstObserved = 0;
        while (firstObserved < history.size() && history.isMissing(firstObserved)) {
            firstObserved++;
        }
        if (firstObserved == history.size()) {
            throw new IllegalArgumentException("the history has no observed value");
        }
        double[] y = Arrays.copyOfRange(history.values(), firstObserved, history.size());
        Instant forecastStart = history.timeOf(history.size());
        int observed = (int) Arrays.stream(y).filter(v -> !Double.isNaN(v)).count();
        if (observed == 1) {
            return lastValue(y, forecastStart, history.interval(), horizon);
        }

        boolean seasonal = y.length >= 2 * seasonLength;
        int m = seasonal ? seasonLength : 1;
        Initial initial = seasonal ? seasonalStart(y, m) : linearStart(y);
        // The first season's errors are partly fitted by construction (its values made the initial state).
        int scoredFrom = seasonal ? m : Math.min(2, y.length);
        SmoothingParameters parameters;
        if (fixedParameters == null) {
            parameters = fit(y, m, initial, scoredFrom, seasonal);
        } else {
            parameters = seasonal ? fixedParameters
                    : new SmoothingParameters(fixedParameters.alpha(), fixedParameters.beta(), 0.0);
        }
        Run run = smooth(y, m, initial, parameters, scoredFrom);

        double sigma = run.scored > 0 ? Math.sqrt(run.sse / run.scored) : 0.0;
        int accuracyWindow = Math.min(seasonLength, y.length - scoredFrom);
        Accuracy accuracy = Accuracy.of(y, run.errors, y.length - accuracyWindow);
        double confidence = seasonal ? accuracy.confidence()
                : Math.min(SHORT_HISTORY_CONFIDENCE_CAP, accuracy.confidence());

        List<ForecastPoint> points = new ArrayList<>(horizon);
        // ETS(A,A,A) error-correction constants equivalent to this recursion: beta* = alpha·beta,
        // gamma* = gamma·(1 − alpha); the h-step variance is sigma²·(1 + sum of c_j² for j < h).
        double errorGamma = parameters.gamma() * (1 - parameters.alpha());
        double varianceFactor = 1.0;
        for (int h = 1; h <= horizon; h++) {
            if (h > 1) {
                int j = h - 1;
                double c = parameters.alpha() * (1 + j * parameters.beta()) + (j % m == 0 && m > 1 ? errorGamma : 0);
                varianceFactor += c * c;
            }
            double raw = run.level + h * run.trend + run.season[(y.length + h - 1) % m];
            double halfWidth = Z_95 * sigma * Math.sqrt(varianceFactor);
            points.add(new ForecastPoint(forecastStart.plus(history.interval().multipliedBy(h - 1)),
                    Math.max(0, raw), Math.max(0, raw - halfWidth), Math.max(0, raw + halfWidth)));
        }
        ForecastModel model = seasonal ? ForecastModel.HOLT_WINTERS : ForecastModel.HOLT_LINEAR;
        String method = seasonal ? "Holt-Winters, season " + seasonLength + " buckets,"
                : "Holt linear trend (under two seasons),";
        String summary = String.format(Locale.ROOT,
                "%s alpha=%.3f beta=%.3f gamma=%.3f (%s) on %d buckets (%d missing), recent WAPE %.1f %%, "
                        + "coverage %.0f %%",
                method,
                parameters.alpha(), parameters.beta(), parameters.gamma(),
                fixedParameters == null ? "fitted" : "given", y.length, y.length - observed,
                accuracy.wape() * 100, accuracy.coverage() * 100);
        return new Forecast(model, parameters, history.interval(), points, sigma, confidence, summary);
    }

    private static Forecast lastValue(double[] y, Instant forecastStart, Duration interval, int horizon) {
        double last = Double.NaN;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                last = Math.max(0, v);
            }
        }
        List<ForecastPoint> points = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            points.add(new ForecastPoint(forecastStart.plus(interval.multipliedBy(h)), last, last, last));
        }
        return new Forecast(ForecastModel.LAST_VALUE, new SmoothingParameters(1, 0, 0), interval, points, 0.0, 0.0,
                "one observed bucket, carried forward");
    }

    private static SmoothingParameters fit(double[] y, int m, Initial initial, int scoredFrom, boolean seasonal) {
        double[] gammas = seasonal ? GAMMA_GRID : new double[] {0.0};
        double[] best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        for (double alpha : ALPHA_GRID) {
            for (double beta : BETA_GRID) {
                for (double gamma : gammas) {
                    double sse = smooth(y, m, initial, new SmoothingParameters(alpha, beta, gamma), scoredFrom).sse;
                    if (sse < bestSse) {
                        bestSse = sse;
                        best = new double[] {alpha, beta, gamma};
                    }
                }
            }
        }
        if (best == null) {
            // Every grid point diverged: the series is too wild for smoothing to help, so follow it closely.
            return new SmoothingParameters(0.9, 0.0, seasonal ? 0.1 : 0.0);
        }
        int dimensions = seasonal ? 3 : 2;
        double step = FIRST_SEARCH_STEP;
        int moves = 0;
        while (step >= LAST_SEARCH_STEP && moves < MAX_SEARCH_MOVES) {
            boolean improved = false;
            for (int k = 0; k < dimensions; k++) {
                for (int direction = -1; direction <= 1; direction += 2) {
                    double[] candidate = best.clone();
                    candidate[k] = Math.max(0, Math.min(1, candidate[k] + direction * step));
                    if (candidate[k] == best[k]) {
                        continue;
                    }
                    double sse = smooth(y, m, initial,
                            new SmoothingParameters(candidate[0], candidate[1], candidate[2]), scoredFrom).sse;
                    moves++;
                    if (sse < bestSse) {
                        bestSse = sse;
                        best = candidate;
                        improved = true;
                    }
                }
            }
            if (!improved) {
                step /= 2;
            }
        }
        return new SmoothingParameters(best[0], best[1], best[2]);
    }

    private static Run smooth(double[] y, int m, Initial initial, SmoothingParameters p, int scoredFrom) {
        double level = initial.level;
        double trend = initial.trend;
        double[] season = initial.season.clone();
        double[] errors = new double[y.length];
        double sse = 0;
        int scored = 0;
        for (int t = 0; t < y.length; t++) {
            int position = t % m;
            double seasonal = season[position];
            double predicted = level + trend + seasonal;
            if (Double.isNaN(y[t])) {
                errors[t] = Double.NaN;
                level += trend;
                continue;
            }
            double error = y[t] - predicted;
            errors[t] = t >= scoredFrom ? error : Double.NaN;
            if (t >= scoredFrom) {
                sse += error * error;
                scored++;
            }
            double newLevel = p.alpha() * (y[t] - seasonal) + (1 - p.alpha()) * (level + trend);
            trend = p.beta() * (newLevel - level) + (1 - p.beta()) * trend;
            season[position] = p.gamma() * (y[t] - newLevel) + (1 - p.gamma()) * seasonal;
            level = newLevel;
        }
        return new Run(level, trend, season, errors, Double.isFinite(sse) ? sse : Double.POSITIVE_INFINITY, scored);
    }

    /** State before the first bucket, from the first two seasons; missing buckets are left out of every mean. */
    private static Initial seasonalStart(double[] y, int m) {
        double firstMean = mean(y, 0, m);
        double secondMean = mean(y, m, 2 * m);
        double trend = Double.isNaN(secondMean) ? 0.0 : (secondMean - firstMean) / m;
        double[] season = new double[m];
        double seasonSum = 0;
        for (int i = 0; i < m; i++) {
            double sum = 0;
            int count = 0;
            for (int k = 0; k < 2; k++) {
                double value = y[k * m + i];
                double seasonMean = k == 0 ? firstMean : secondMean;
                if (!Double.isNaN(value)) {
                    sum += value - seasonMean;
                    count++;
                }
            }
            season[i] = count > 0 ? sum / count : 0.0;
            seasonSum += season[i];
        }
        double offset = seasonSum / m;
        for (int i = 0; i < m; i++) {
            season[i] -= offset;
        }
        // The first season's mean is the level at its middle; step back to just before bucket 0.
        double level = firstMean - trend * (m + 1) / 2.0;
        return new Initial(level, trend, season);
    }

    /** State before the first bucket from a least-squares line through the observed buckets. */
    private static Initial linearStart(double[] y) {
        double n = 0;
        double sumT = 0;
        double sumY = 0;
        double sumTT = 0;
        double sumTY = 0;
        for (int t = 0; t < y.length; t++) {
            if (!Double.isNaN(y[t])) {
                n++;
                sumT += t;
                sumY += y[t];
                sumTT += (double) t * t;
                sumTY += t * y[t];
            }
        }
        double denominator = n * sumTT - sumT * sumT;
        double slope = denominator == 0 ? 0.0 : (n * sumTY - sumT * sumY) / denominator;
        double intercept = (sumY - slope * sumT) / n;
        return new Initial(intercept - slope, slope, new double[] {0.0});
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int t = from; t < to; t++) {
            if (!Double.isNaN(y[t])) {
                sum += y[t];
                count++;
            }
        }
        return count > 0 ? sum / count : Double.NaN;
    }

    private record Initial(double level, double trend, double[] season) {
    }

    private record Run(double level, double trend, double[] season, double[] errors, double sse, int scored) {
    }

    /**
     * Weighted absolute percentage error (sum of |errors| over sum of |actuals|) rather than MAPE: MAPE explodes
     * on buckets near 0, such as a queue that drains at night.
     */
    private record Accuracy(double wape, double coverage) {

        static Accuracy of(double[] y, double[] errors, int from) {
            int window = y.length - from;
            if (window <= 0) {
                return new Accuracy(1.0, 0.0);
            }
            double absoluteErrors = 0;
            double absoluteActuals = 0;
            int scored = 0;
            for (int t = from; t < y.length; t++) {
                if (!Double.isNaN(errors[t])) {
                    absoluteErrors += Math.abs(errors[t]);
                    absoluteActuals += Math.abs(y[t]);
                    scored++;
                }
            }
            double wape;
            if (absoluteActuals > 0) {
                wape = absoluteErrors / absoluteActuals;
            } else {
                wape = absoluteErrors == 0 ? 0.0 : 1.0;
            }
            return new Accuracy(wape, (double) scored / window);
        }

        double confidence() {
            return (1 - Math.min(1, wape)) * coverage;
        }
    }
}
