import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { connectToBackend } from './connection.js';
import './styles.css';

void connectToBackend().then((client) => {
  createRoot(document.getElementById('root')!).render(<App client={client} />);
});
