/** Sample queries from the Timestream developer guide (IoT and DevOps scenarios), against "sampleDB". */
export const DOC_SAMPLES = {
  iotAttributes: `SELECT truck_id, fleet, fuel_capacity, model, load_capacity, make, measure_name FROM "sampleDB".IoT
    GROUP BY truck_id, fleet, fuel_capacity, model, load_capacity, make, measure_name`,
  iotLatestFuel: `SELECT max_by(time, time) AS time, truck_id, fleet, make, model, max_by(measure_value::double, time) AS last_reported_fuel_reading
    FROM "sampleDB".IoT WHERE measure_name = 'fuel-reading' AND time >= ago(24h)
    GROUP BY truck_id, fleet, make, model ORDER BY truck_id`,
  iotLowFuel: `SELECT truck_id, fleet, fuel_capacity, model, load_capacity, make, measure_value::double AS fuel_reading, time
    FROM "sampleDB".IoT WHERE time >= ago(48h) AND measure_name = 'fuel-reading' AND measure_value::double < 10
    ORDER BY truck_id, time`,
  iotLoadAndSpeed: `SELECT bin(time, 1d) AS binned_time, fleet, truck_id, make, model,
      AVG(CASE WHEN measure_name = 'load' THEN measure_value::double ELSE NULL END) AS avg_load_tons,
      MAX(CASE WHEN measure_name = 'speed' THEN measure_value::double ELSE NULL END) AS max_speed_mph
    FROM "sampleDB".IoT WHERE time >= ago(7d) AND measure_name IN ('load', 'speed')
    GROUP BY fleet, truck_id, make, model, bin(time, 1d) ORDER BY truck_id`,
  iotLoadEfficiency: `WITH average_load_per_truck AS (
      SELECT truck_id, avg(measure_value::double) AS avg_load FROM "sampleDB".IoT
      WHERE measure_name = 'load' AND time >= ago(7d) GROUP BY truck_id, fleet, load_capacity, make, model
    ), truck_load_efficiency AS (
      SELECT a.truck_id, fleet, load_capacity, make, model, avg_load, measure_value::double, time,
        (measure_value::double*100)/avg_load AS load_efficiency -- , approx_percentile(avg_load_pct, DOUBLE '0.9')
      FROM "sampleDB".IoT a JOIN average_load_per_truck b ON a.truck_id = b.truck_id WHERE a.measure_name = 'load'
    )
    SELECT truck_id, time, load_efficiency FROM truck_load_efficiency ORDER BY truck_id, time`,
  devopsPercentiles: `SELECT region, az, hostname, BIN(time, 15s) AS binned_timestamp,
      ROUND(AVG(measure_value::double), 2) AS avg_cpu_utilization,
      ROUND(APPROX_PERCENTILE(measure_value::double, 0.9), 2) AS p90_cpu_utilization,
      ROUND(APPROX_PERCENTILE(measure_value::double, 0.95), 2) AS p95_cpu_utilization,
      ROUND(APPROX_PERCENTILE(measure_value::double, 0.99), 2) AS p99_cpu_utilization
    FROM "sampleDB".DevOps WHERE measure_name = 'cpu_utilization' AND hostname = 'host-Hovjv' AND time > ago(2h)
    GROUP BY region, hostname, az, BIN(time, 15s) ORDER BY binned_timestamp ASC`,
  devopsAboveFleetAverage: `WITH avg_fleet_utilization AS (
      SELECT COUNT(DISTINCT hostname) AS total_host_count, AVG(measure_value::double) AS fleet_avg_cpu_utilization
      FROM "sampleDB".DevOps WHERE measure_name = 'cpu_utilization' AND time > ago(2h)
    ), avg_per_host_cpu AS (
      SELECT region, az, hostname, AVG(measure_value::double) AS avg_cpu_utilization
      FROM "sampleDB".DevOps WHERE measure_name = 'cpu_utilization' AND time > ago(2h) GROUP BY region, az, hostname
    )
    SELECT region, az, hostname, avg_cpu_utilization, fleet_avg_cpu_utilization
    FROM avg_fleet_utilization, avg_per_host_cpu
    WHERE avg_cpu_utilization > 1.1 * fleet_avg_cpu_utilization ORDER BY avg_cpu_utilization DESC`,
  devopsInterpolateLinear: `WITH binned_timeseries AS (
      SELECT hostname, BIN(time, 30s) AS binned_timestamp, ROUND(AVG(measure_value::double), 2) AS avg_cpu_utilization
      FROM "sampleDB".DevOps WHERE measure_name = 'cpu_utilization' AND hostname = 'host-Hovjv' AND time > ago(2h)
      GROUP BY hostname, BIN(time, 30s)
    ), interpolated_timeseries AS (
      SELECT hostname, INTERPOLATE_LINEAR(CREATE_TIME_SERIES(binned_timestamp, avg_cpu_utilization),
        SEQUENCE(min(binned_timestamp), max(binned_timestamp), 15s)) AS interpolated_avg_cpu_utilization
      FROM binned_timeseries GROUP BY hostname
    )
    SELECT time, ROUND(value, 2) AS interpolated_cpu FROM interpolated_timeseries
    CROSS JOIN UNNEST(interpolated_avg_cpu_utilization) ORDER BY time`,
  devopsInterpolateLocf: `WITH binned_timeseries AS (
      SELECT hostname, BIN(time, 30s) AS binned_timestamp, ROUND(AVG(measure_value::double), 2) AS avg_cpu_utilization
      FROM "sampleDB".DevOps WHERE measure_name = 'cpu_utilization' AND hostname = 'host-Hovjv' AND time > ago(2h)
      GROUP BY hostname, BIN(time, 30s)
    ), interpolated_timeseries AS (
      SELECT hostname, INTERPOLATE_LOCF(CREATE_TIME_SERIES(binned_timestamp, avg_cpu_utilization),
        SEQUENCE(min(binned_timestamp), max(binned_timestamp), 15s)) AS interpolated_avg_cpu_utilization
      FROM binned_timeseries GROUP BY hostname
    )
    SELECT time, ROUND(value, 2) AS interpolated_cpu FROM interpolated_timeseries
    CROSS JOIN UNNEST(interpolated_avg_cpu_utilization) ORDER BY time`,
  devopsFractionAbove: `WITH time_series_view AS (
      SELECT INTERPOLATE_LINEAR(CREATE_TIME_SERIES(time, ROUND(measure_value::double, 2)),
        SEQUENCE(min(time), max(time), 10s)) AS cpu_user
      FROM "sampleDB".DevOps WHERE hostname = 'host-Hovjv' AND measure_name = 'cpu_utilization' AND time > ago(30m)
      GROUP BY hostname
    )
    SELECT FILTER(cpu_user, x -> x.value > 70.0) AS cpu_above_threshold,
      REDUCE(FILTER(cpu_user, x -> x.value > 70.0), 0, (s, x) -> s + 1, s -> s) AS count_cpu_above_threshold,
      ROUND(REDUCE(cpu_user, CAST(ROW(0, 0) AS ROW(count_high BIGINT, count_total BIGINT)),
        (s, x) -> CAST(ROW(s.count_high + IF(x.value > 70.0, 1, 0), s.count_total + 1) AS ROW(count_high BIGINT, count_total BIGINT)),
        s -> IF(s.count_total = 0, NULL, CAST(s.count_high AS DOUBLE) / s.count_total)), 4) AS fraction_cpu_above_threshold
    FROM time_series_view`,
};
