// useLoad: runs an async loader when its dependencies change and keeps
// {data, error, loading}; reload() runs it again (after an action). `loading`
// is also true while the data on hand belongs to older dependencies, so a
// page never shows old results as if they answered the new question.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export function useLoad(loader, deps) {
  const key = JSON.stringify(deps);
  const [state, setState] = useState({ data: null, error: null, loading: true, key: null });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    Promise.resolve()
      .then(loader)
      .then(
        (data) => mine === generation.current && setState({ data, error: null, loading: false, key }),
        (error) => mine === generation.current && setState({ data: null, error, loading: false, key }),
      );
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(run, [run]);
  return { data: state.data, error: state.error, loading: state.loading || state.key !== key, reload: run };
}

// useAction: wraps a button's async action with busy/error/result state.
export function useAction() {
  const [state, setState] = useState({ busy: false, error: null, done: null });
  const run = useCallback(async (fn) => {
    setState({ busy: true, error: null, done: null });
    try {
      const done = await fn();
      setState({ busy: false, error: null, done: done ?? true });
      return done;
    } catch (error) {
      setState({ busy: false, error, done: null });
      return undefined;
    }
  }, []);
  return { ...state, run };
}
