import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../../store/appStore';

export const StoreContext = createContext<AppStore | null>(null);

/** Reads a slice of the app store provided by the nearest `StoreContext`. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore must be used inside <StoreContext.Provider>');
  return useStore(store, selector);
}

/** The store itself, for effects that subscribe outside React rendering. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi must be used inside <StoreContext.Provider>');
  return store;
}
