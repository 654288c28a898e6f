#!/usr/bin/env node
// Reference for bench/dataservices.mjs: what one writes by hand with pg and node:http for the same
// two requests (GET by key, a 100-row list), answering the same XML a data service does.
// node bench/references/node-pg-dataservice.mjs PORT DATABASE
import http from 'node:http';
import pg from 'pg';

const [port, database] = [Number(process.argv[2]), process.argv[3]];
const pool = new pg.Pool({ host: '127.0.0.1', user: 'postgres', database, max: 10 });
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const row = (r) => `<Employee><EmployeeNumber>${r.employeenumber}</EmployeeNumber><FirstName>${esc(r.firstname)}</FirstName><LastName>${esc(r.lastname)}</LastName><Email>${esc(r.email)}</Email></Employee>`;
http
  .createServer(async (req, res) => {
    try {
      const m = /^\/employee\/(\d+)$/.exec(req.url);
      const result = m
        ? await pool.query('select EmployeeNumber, FirstName, LastName, Email from Employees where EmployeeNumber = $1', [Number(m[1])])
        : await pool.query('select EmployeeNumber, FirstName, LastName, Email from Employees order by EmployeeNumber limit 100');
      res.writeHead(200, { 'Content-Type': 'application/xml; charset=UTF-8' });
      res.end(`<Employees xmlns="http://ws.wso2.org/dataservice">${result.rows.map(row).join('')}</Employees>`);
    } catch (e) {
      res.writeHead(500);
      res.end(String(e));
    }
  })
  .listen(port, '127.0.0.1', () => console.log('ready'));
