-- One run of Camunda's PostgreSQL cleanup statements (HistoricProcessInstanceManager.deleteHistoricProcessInstancesByRemovalTime:
-- the _postgres_or_db2 deletes of ACT_HI_VARINST, ACT_HI_ACTINST, ACT_HI_PROCINST), one batch per transaction, as
-- its job runs them; each batch's time and rows go to cleanup_log. Stops when a batch removes nothing or after
-- `seconds`. Planned with the values known (EXECUTE ... USING), as pgjdbc's first executions are.
create table if not exists cleanup_log (run text, batch int, at timestamptz, ms numeric, rows int);
create or replace procedure cleanup_loop(run text, batch_size int, seconds int) language plpgsql as $$
declare
  t0 timestamptz := clock_timestamp(); b0 timestamptz; n int := 0; r1 int; r2 int; r3 int;
  due timestamp := (now() at time zone 'UTC')::timestamp;
begin
  loop
    b0 := clock_timestamp();
    execute 'delete from ACT_HI_VARINST where ID_ IN (SELECT ID_ FROM ACT_HI_VARINST WHERE REMOVAL_TIME_ <= $1 LIMIT $2)' using due, batch_size;
    get diagnostics r1 = row_count;
    execute 'delete from ACT_HI_ACTINST where ID_ IN (SELECT ID_ FROM ACT_HI_ACTINST WHERE REMOVAL_TIME_ <= $1 LIMIT $2)' using due, batch_size;
    get diagnostics r2 = row_count;
    execute 'delete from ACT_HI_PROCINST where ID_ IN (SELECT ID_ FROM ACT_HI_PROCINST WHERE REMOVAL_TIME_ <= $1 LIMIT $2)' using due, batch_size;
    get diagnostics r3 = row_count;
    n := n + 1;
    insert into cleanup_log values (run, n, clock_timestamp(), extract(epoch from clock_timestamp() - b0) * 1000, r1 + r2 + r3);
    commit;
    exit when r1 + r2 + r3 = 0 or clock_timestamp() - t0 > make_interval(secs => seconds);
  end loop;
end $$;
