select run, count(*) batches, sum(rows) rows_removed, round(extract(epoch from max(at)-min(at))) wall_s,
  round(sum(rows)/extract(epoch from max(at)-min(at)+interval '1 ms')) overall_rows_s from cleanup_log c group by run;
select run, slice, sum(rows) rows, round(sum(rows)/(sum(ms)/1000)) rows_s_db, round(avg(ms),1) avg_batch_ms, min(at)::time from (
  select run, rows, ms, at, ntile(8) over (partition by run order by at) slice from cleanup_log where rows > 0) s group by run, slice order by run, slice;
