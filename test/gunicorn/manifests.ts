/** A Deployment running 2 workers with METRICS_START_PORT 5001, and the Service and ServiceMonitor that scrape both: clean as it is. */
export const WIRED_APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: django
          image: app
          env:
            - name: WEB_CONCURRENCY
              value: "2"
            - name: METRICS_START_PORT
              value: "5001"
          ports:
            - name: metrics-1
              containerPort: 5001
            - name: metrics-2
              containerPort: 5002
---
apiVersion: v1
kind: Service
metadata:
  name: app
  labels:
    app: web
spec:
  selector:
    app: web
  ports:
    - name: metrics-1
      port: 5001
      targetPort: metrics-1
    - name: metrics-2
      port: 5002
      targetPort: metrics-2
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: web
  endpoints:
    - port: metrics-1
    - port: metrics-2
`;
